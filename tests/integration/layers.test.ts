import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of GUIDE.md hold because lint and the shared typecheck refuse what crosses them:
 * each forbidden import is linted as a small file placed in its folder (a probe that exists only
 * in memory), and a Node import is typechecked with shared/tsconfig.json.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROBE = '__layer_probe__.ts';

// Probes are not on disk, so the typed rules (which need them in a tsconfig program) are off for them.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfig: [{ files: [`**/${PROBE}`], ...tseslint.configs.disableTypeChecked }],
});

/** The rules that fire on a file in `folder` holding one import of `specifier`. */
async function rulesFor(folder: string, specifier: string): Promise<string[]> {
  const code = `import * as probe from '${specifier}';\n\nexport const used = probe;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, folder, PROBE) });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const FORBIDDEN: Array<[folder: string, specifier: string]> = [
  ['shared', 'node:fs'],
  ['shared', 'fs'],
  ['shared', 'path'],
  ['shared', 'better-sqlite3'],
  ['shared', 'ws'],
  ['shared', 'pg'],
  ['shared', 'ioredis'],
  ['shared', 'y-websocket/bin/utils'],
  ['shared', 'electron'],
  ['shared', 'react'],
  ['shared', '../src-main/services/dispatch'],
  ['shared/docs', '../../sync-server/server'],
  ['shared', '../src-renderer/api/client'],
  ['src-main/services', '../../../sync-server/server'],
  ['src-main/services', '../electron/ipc'],
  ['src-main/services', 'electron'],
  ['src-main/services', '../web/host'],
  ['src-main/web', 'electron'],
  ['src-main/web', '../electron/ipc'],
  ['src-main/cli', 'electron'],
  ['src-main/electron', '../../src-renderer/api/client'],
  ['src-main', '../src-renderer/api/client'],
  ['src-main/start', 'electron'],
  ['src-renderer', 'node:fs'],
  ['src-renderer/sync', 'fs'],
  ['src-renderer', 'better-sqlite3'],
  ['src-renderer', '../src-main/services/dispatch'],
  ['src-renderer', '../sync-server/server'],
  ['sync-server', '../src-main/services/dispatch'],
  ['sync-server', '../src-renderer/api/client'],
  ['sync-server', 'electron'],
  ['scripts', '../src-renderer/api/client'],
];

const ALLOWED: Array<[folder: string, specifier: string]> = [
  ['shared', 'zod'],
  ['shared', 'yjs'],
  ['shared', 'lib0/buffer'],
  ['src-renderer/sync', 'lib0/buffer'],
  ['src-renderer', '../shared/contract'],
  ['src-main/electron', 'electron'],
  ['src-main/electron', '../../sync-server/server'],
  ['src-main/web', '../../sync-server/server'],
  ['src-main/services', '../../shared/contract'],
  ['src-main', './electron/build'],
  ['sync-server', 'node:fs'],
  ['scripts', '../src-main/services/indicators/cache'],
];

describe('lint holds the layers', () => {
  it.each(FORBIDDEN)('%s/ may not import %s', async (folder, specifier) => {
    expect(await rulesFor(folder, specifier)).toContain('no-restricted-imports');
  });

  it.each(ALLOWED)('%s/ may import %s', async (folder, specifier) => {
    expect(await rulesFor(folder, specifier)).toEqual([]);
  });

  it('refuses an import cycle', async () => {
    // The fixture is ignored by `npm run lint`, so lint it with the ignore list off.
    const unignored = new ESLint({
      cwd: ROOT,
      ignore: false,
      overrideConfig: [{ files: ['tests/fixtures/lint-cycle/**'], ...tseslint.configs.disableTypeChecked }],
    });
    const results = await unignored.lintFiles([path.join(ROOT, 'tests/fixtures/lint-cycle/first.ts')]);
    const rules = results.flatMap((result) => result.messages.map((message) => message.ruleId));
    expect(rules).toContain('import-x/no-cycle');
  }, 120_000);
});

describe('the shared typecheck', () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'shared/tsconfig.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!config) {
    throw new Error('shared/tsconfig.json not readable');
  }

  let previous: ts.Program | undefined;

  /** Errors of shared/ typechecked with one more file that imports `specifier` (kept in memory). */
  function errorsWith(specifier: string): string[] {
    const probe = path.join(ROOT, 'shared', PROBE);
    const host = ts.createCompilerHost(config!.options);
    const text = `import * as probe from '${specifier}';\n\nexport const used = probe;\n`;
    const getSourceFile = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      path.resolve(fileName) === probe ? ts.createSourceFile(fileName, text, languageVersion) : getSourceFile(fileName, languageVersion, ...rest);
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (fileName) => path.resolve(fileName) === probe || fileExists(fileName);
    const program = ts.createProgram({ rootNames: [...config!.fileNames, probe], options: config!.options, host, oldProgram: previous });
    previous = program;
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  // The first program compiles all of shared/ (slow on a busy machine); later ones reuse it.
  it('passes for a pure import', () => {
    expect(errorsWith('zod')).toEqual([]);
  }, 120_000);

  it.each(['node:fs', 'fs'])('fails when shared/ imports the Node built-in %s', (specifier) => {
    expect(errorsWith(specifier).join('\n')).toContain(`Cannot find module '${specifier}'`);
  }, 60_000);

  // Their types reference Node's; the guard in shared/no-node-types.ts turns that into an error.
  it.each(['better-sqlite3', 'ws'])('fails when shared/ imports %s, whose types pull in Node', (specifier) => {
    expect(errorsWith(specifier).join('\n')).toContain('SharedMustNotUseNodeTypes');
  }, 60_000);
});
