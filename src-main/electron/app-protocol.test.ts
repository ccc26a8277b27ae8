import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../shared/log';
import { rendererResponse } from './app-protocol';

const logger = createLogger(() => undefined);
const csp = "default-src 'self'";
let root: string;
let outside: string;

beforeAll(() => {
  outside = mkdtempSync(path.join(tmpdir(), 'fokuswerk-app-protocol-'));
  root = path.join(outside, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Fokuswerk</title>');
  writeFileSync(path.join(root, 'assets', 'main.js'), 'console.log(1)');
  writeFileSync(path.join(outside, 'secret.txt'), 'secret');
});

afterAll(() => rmSync(outside, { recursive: true, force: true }));

const get = (url: string, method = 'GET'): Promise<Response> => rendererResponse(root, csp, { method, url }, logger);

describe('rendererResponse', () => {
  it('serves the renderer with content type and CSP', async () => {
    const index = await get('app://fokuswerk/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(csp);
    expect(await index.text()).toContain('Fokuswerk');
    const script = await get('app://fokuswerk/assets/main.js?v=1');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
  });

  it('never serves anything outside the renderer, or for other hosts and methods', async () => {
    for (const url of [
      'app://fokuswerk/..%2fsecret.txt',
      'app://fokuswerk/%2e%2e%2fsecret.txt',
      'app://fokuswerk/assets/..%5c..%5csecret.txt',
      'app://fokuswerk/missing.js',
      'app://other/index.html',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
    }
    expect((await get('app://fokuswerk/', 'POST')).status).toBe(405);
    expect((await get('app://fokuswerk/', 'HEAD')).status).toBe(200);
  });
});
