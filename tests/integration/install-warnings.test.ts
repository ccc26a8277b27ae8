import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 13: a clean install prints no peer-dependency (ERESOLVE) warnings. npm resolves the tree
 * from package.json and package-lock.json alone (dry run: nothing downloaded or installed), in a
 * temporary copy so this checkout's node_modules is not touched.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'fokuswerk-install-'));
copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network request .* failed/i;

function npm(args: string[]): { status: number | null; output: string } {
  const result = spawnSync('npm', [...args, '--ignore-scripts', '--dry-run', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 90_000,
    env: { ...process.env, npm_config_loglevel: 'warn' },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('installing on a clean clone', () => {
  for (const command of [['ci'], ['install']]) {
    it(`npm ${command.join(' ')} prints no ERESOLVE warning`, (context) => {
      const { status, output } = npm(command);
      if (status !== 0 && OFFLINE.test(output)) {
        context.skip(`npm-Registry nicht erreichbar / registry unreachable: ${OFFLINE.exec(output)?.[0] ?? ''}`);
      }
      expect(status, output).toBe(0);
      expect(output).not.toMatch(/ERESOLVE/);
      expect(output).not.toMatch(/overriding peer dependency/i);
    }, 100_000);
  }
});
