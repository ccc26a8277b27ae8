import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mimeTypeOf, resolveRendererFile } from './renderer-files';

const root = path.resolve('/srv/fokuswerk/dist/renderer');

describe('resolveRendererFile', () => {
  it('serves files below the renderer root', () => {
    expect(resolveRendererFile(root, 'app://fokuswerk/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://fokuswerk/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://fokuswerk/assets/index-abc.js?v=1')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveRendererFile(root, 'app://fokuswerk/assets/Bericht%20A.css')).toBe(
      path.join(root, 'assets', 'Bericht A.css'),
    );
  });

  it('falls back to index.html for client-side routes', () => {
    expect(resolveRendererFile(root, 'app://fokuswerk/berichte/2025')).toBe(path.join(root, 'index.html'));
  });

  it('refuses traversal, encoded separators, NUL bytes and other hosts', () => {
    for (const url of [
      'app://fokuswerk/../../etc/passwd.txt',
      'app://fokuswerk/%2e%2e/%2e%2e/etc/passwd.txt',
      'app://fokuswerk/assets%2f..%2f..%2fsecret.js',
      'app://fokuswerk/..%5c..%5csecret.js',
      'app://fokuswerk/a%00.js',
      'app://fokuswerk/%E0%A4%A.js',
      'app://other/index.html',
      'nonsense',
    ]) {
      const resolved = resolveRendererFile(root, url);
      if (resolved !== undefined) {
        expect(resolved.startsWith(root + path.sep), url).toBe(true);
      }
    }
    // The URL parser already clamps dot segments at the root, so these stay inside it.
    expect(resolveRendererFile(root, 'app://fokuswerk/%2e%2e/%2e%2e/etc/passwd.txt')).toBe(
      path.join(root, 'etc', 'passwd.txt'),
    );
    expect(resolveRendererFile(root, 'app://fokuswerk/assets%2f..%2f..%2fsecret.js')).toBeUndefined();
    expect(resolveRendererFile(root, 'app://fokuswerk/a%00.js')).toBeUndefined();
    expect(resolveRendererFile(root, 'app://other/index.html')).toBeUndefined();
  });

  it('names content types', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/blob')).toBe('application/octet-stream');
  });
});
