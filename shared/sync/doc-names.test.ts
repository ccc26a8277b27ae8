import { describe, expect, it } from 'vitest';
import { parseDocName, proposalDocName, reportDocName, groupIndexDocName } from './doc-names';

describe('document names', () => {
  it('round-trips the names the app builds', () => {
    expect(parseDocName(proposalDocName('wohnen', 'abc-1'))).toEqual({ kind: 'proposal', groupId: 'wohnen', proposalId: 'abc-1' });
    expect(parseDocName(reportDocName(2026))).toEqual({ kind: 'report', year: 2026 });
    expect(parseDocName(groupIndexDocName('armut'))).toEqual({ kind: 'group-index', groupId: 'armut' });
    expect(parseDocName('workspace')).toEqual({ kind: 'workspace' });
    expect(parseDocName('datasets')).toEqual({ kind: 'datasets' });
    expect(parseDocName(`dataset/${'ab'.repeat(32)}`)).toEqual({ kind: 'dataset', fileHash: 'ab'.repeat(32) });
  });

  it.each(['', 'group/Wohnen/index', 'group/wohnen/proposal/', 'report/26', 'group/../index', 'report/2026/x', 'group/a/proposal/b/c', 'dataset/abc', `dataset/${'AB'.repeat(32)}`])(
    'rejects %j',
    (name) => {
      expect(parseDocName(name)).toBeNull();
    },
  );
});
