import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asksForHelp, printUsage, refuseArguments } from '../../shared/cli-usage';
import { processLogger } from '../../shared/log';
import { openIndicatorCache, type IndicatorCache } from '../services/indicators/cache';
import { GenesisParseError } from '../services/indicators/genesis-error';
import { IndicatorError } from '../services/indicators/indicator-error';

/** Repository root (this file lives in src-main/cli). */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where the CLIs keep the indicator cache unless `--db` says otherwise: `.data/indicators.sqlite` in the repo. */
export const DEFAULT_DB_PATH = path.join(REPO_ROOT, '.data', 'indicators.sqlite');

/** Opens the cache for a CLI; service logs go to stderr as JSON (LOG_LEVEL, default warn). */
export function openCliCache(dbPath: string | undefined): IndicatorCache {
  const logger = processLogger(process, {}, 'warn');
  return openIndicatorCache({ dbPath: path.resolve(dbPath ?? DEFAULT_DB_PATH), logger });
}

/** Writes one line to stdout. */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** node:util parseArgs' errors for unknown options, missing values and the like. */
function isArgumentError(err: unknown): err is Error {
  return err instanceof TypeError && String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_');
}

/**
 * Runs a CLI body: `--help` prints the usage; wrong arguments print their problem with the usage
 * and exit 2; known errors print their German/English message and exit 1.
 */
export async function runCli(usage: string, body: () => Promise<void> | void): Promise<void> {
  if (asksForHelp(process.argv.slice(2))) {
    printUsage(process, usage);
    return;
  }
  try {
    await body();
  } catch (err) {
    if (err instanceof UsageError || isArgumentError(err)) {
      const message = err instanceof UsageError ? err.message : `Ungültige Argumente / invalid arguments: ${err.message}`;
      refuseArguments(process, message, usage);
    } else if (err instanceof GenesisParseError || err instanceof IndicatorError) {
      process.stderr.write(`Fehler / error: ${err.message}\n`);
      process.exitCode = 1;
    } else {
      throw err;
    }
  }
}

/** Wrong command line; printed with the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Formats a number the German way (1.234,5). */
export function formatNumber(value: number): string {
  return value.toLocaleString('de-DE', { maximumFractionDigits: 10 });
}
