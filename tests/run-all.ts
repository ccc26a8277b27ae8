/**
 * The whole test suite, as CI runs it: typecheck, lint, unit + integration tests (vitest) and
 * end-to-end tests (Playwright in Chromium). Prints one closing line "N passed, N failed, N skipped"
 * summing every suite, and exits non-zero when anything failed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];

function run(name: string, command: string, args: string[], env: Record<string, string> = {}): number {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const status = result.status ?? 1;
  lines.push(`${name}: ${status === 0 ? 'ok' : `failed (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return status;
}

/** A step that is not a test runner (typecheck, lint, build) counts as one test. */
function step(name: string, command: string, args: string[]): void {
  if (run(name, command, args) === 0) {
    total.passed += 1;
  } else {
    total.failed += 1;
  }
}

function readJson(file: string): unknown {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : null;
}

const resultsDir = path.resolve('test-results');
rmSync(resultsDir, { recursive: true, force: true });

step('typecheck', 'npm', ['run', '--silent', 'typecheck']);
step('lint', 'npm', ['run', '--silent', 'lint']);

const vitestFile = path.join(resultsDir, 'vitest.json');
const vitestStatus = run('unit+integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestFile}`]);
const vitest = readJson(vitestFile) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number } | null;
if (vitest) {
  total.passed += vitest.numPassedTests;
  total.failed += vitest.numFailedTests;
  total.skipped += vitest.numPendingTests + vitest.numTodoTests;
}
if (vitestStatus !== 0 && (!vitest || vitest.numFailedTests === 0)) {
  total.failed += 1; // the runner itself failed (e.g. a file did not load)
}

step('build renderer', 'npm', ['run', '--silent', 'build:renderer']);
const e2eFile = path.join(resultsDir, 'e2e.json');
const e2eStatus = run('e2e', 'npx', ['playwright', 'test'], { PW_REPORTER: 'json' });
const e2e = readJson(e2eFile) as { stats?: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
if (e2e?.stats) {
  total.passed += e2e.stats.expected + e2e.stats.flaky;
  total.failed += e2e.stats.unexpected;
  total.skipped += e2e.stats.skipped;
}
if (e2eStatus !== 0 && (!e2e?.stats || e2e.stats.unexpected === 0)) {
  total.failed += 1;
}

process.stdout.write(`\n${lines.join('\n')}\n\n`);
process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(total.failed > 0 ? 1 : 0);
