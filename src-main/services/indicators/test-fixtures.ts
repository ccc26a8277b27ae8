import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, type Logger } from '../../../shared/log';
import { defaultBundledDataDir } from './bundled-data';

/** Repository root (this file lives in src-main/services/indicators). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * The reference data beside the repo (`../shared/data`, as on CI); FOKUSWERK_SHARED_DATA overrides
 * it (e.g. for a git worktree kept elsewhere). Never read at app run time.
 */
export const SHARED_DATA_DIR = process.env.FOKUSWERK_SHARED_DATA ?? path.resolve(REPO_ROOT, '../shared/data');

/** The full GENESIS exports next to the repo; present on dev and CI machines, not at app run time. */
export const FULL_DATA_DIR = path.join(SHARED_DATA_DIR, 'genesis');

/** Whether the full exports are there; tests on them are skipped otherwise. */
export const HAVE_FULL_DATA = existsSync(FULL_DATA_DIR);

/** Title suffix that says why a test block is skipped. */
export const FULL_DATA_NOTE = HAVE_FULL_DATA ? '' : ` (SKIPPED: ${FULL_DATA_DIR} not found)`;

/** Bytes of a file of the full exports. */
export function fullFile(name: string): Buffer {
  return readFileSync(path.join(FULL_DATA_DIR, name));
}

/** Bytes of a bundled sample file. */
export function sampleFile(name: string): Buffer {
  return readFileSync(path.join(defaultBundledDataDir(), name));
}

/** A fresh temporary folder. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'fokuswerk-indicators-'));
}

/** A logger that drops everything, for tests. */
export const silentLogger: Logger = createLogger(() => undefined);

/** Converts LF line ends to CRLF. */
export function toCrlf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
}
