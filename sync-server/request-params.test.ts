import { describe, expect, it } from 'vitest';
import { fitCloseReason, closeReasons } from './close-reasons.js';
import { normalizePathPrefix, parseConnectionUrl } from './request-params.js';

describe('parseConnectionUrl', () => {
  it('reads document name, capabilities and token', () => {
    expect(parseConnectionUrl('/group/ag-1/proposal/p-2?v=1&caps=stored,x&token=abc', '')).toEqual({
      ok: true,
      docName: 'group/ag-1/proposal/p-2',
      token: 'abc',
      wantsStoredAcks: true,
      wantsAccessMessages: false,
    });
    expect(parseConnectionUrl('/workspace', '')).toEqual({ ok: true, docName: 'workspace', token: null, wantsStoredAcks: false, wantsAccessMessages: false });
  });

  it('refuses other protocol versions and unknown documents', () => {
    expect(parseConnectionUrl('/workspace?v=2', '')).toEqual({ ok: false, error: 'protocol-mismatch', clientVersion: '2' });
    expect(parseConnectionUrl('/workspace/../etc', '')).toMatchObject({ ok: false, error: 'unknown-document' });
    expect(parseConnectionUrl('/%E0%A4%A', '')).toMatchObject({ ok: false, error: 'unknown-document' });
    expect(parseConnectionUrl('/', '')).toMatchObject({ ok: false, error: 'unknown-document', name: '' });
  });

  it('honours a path prefix', () => {
    const prefix = normalizePathPrefix('sync/');
    expect(prefix).toBe('/sync');
    expect(parseConnectionUrl('/sync/report/2025', prefix)).toMatchObject({ ok: true, docName: 'report/2025' });
    expect(parseConnectionUrl('/syncx/workspace', prefix)).toEqual({ ok: false, error: 'outside-prefix' });
    expect(parseConnectionUrl('/api/events', prefix)).toEqual({ ok: false, error: 'outside-prefix' });
  });
});

describe('fitCloseReason', () => {
  it('keeps reasons within 123 bytes without splitting characters', () => {
    const reason = fitCloseReason(closeReasons.unknownDocument('ä'.repeat(200)));
    expect(new TextEncoder().encode(reason).length).toBeLessThanOrEqual(123);
    expect(reason.endsWith('…')).toBe(true);
    const mismatch = closeReasons.protocolMismatch('2');
    expect(fitCloseReason(mismatch)).toBe(mismatch);
  });
});
