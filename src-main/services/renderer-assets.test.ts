import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { resolveAssetPath } from './renderer-assets';

const root = path.resolve('/srv/renderer');

describe('resolveAssetPath', () => {
  it('serves files below the root and index.html for routes', () => {
    expect(resolveAssetPath(root, '/assets/index-abc.js')).toBe(path.join(root, 'assets/index-abc.js'));
    expect(resolveAssetPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, '/group/wohnen')).toBe(path.join(root, 'index.html'));
  });

  it.each(['/../secret.txt', '/assets/..%2f..%2fetc.txt', '/%2e%2e/%2e%2e/etc/passwd.txt', '/a%00.js', '/a\\..\\b.js', '/%E0%A4%A.js'])(
    'refuses %j',
    (p) => {
      const resolved = resolveAssetPath(root, p);
      expect(resolved === undefined || resolved.startsWith(root + path.sep)).toBe(true);
      if (p.includes('..')) {
        expect(resolved).toBeUndefined();
      }
    },
  );
});
