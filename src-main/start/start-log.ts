import { mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { createLogger, parseLogLevel, processLogger, type Logger } from '../../shared/log';

/** Where `npm start` sends its machine-readable output (JSON log lines, build and Electron output). */
export interface StartLog {
  logger: Logger;
  /** Stdio target for child processes: the log file's descriptor, or 'inherit' with --verbose. */
  output: number | 'inherit';
  /** The log file; null with --verbose (everything goes to the terminal). */
  file: string | null;
}

/** Relative to the repository: one file, appended to, readable only by its owner. */
export const START_LOG = path.join('.data', 'logs', 'start.log');

/**
 * Opens the start log: with `verbose`, log lines go to stderr as before; otherwise to
 * `.data/logs/start.log`, so the terminal shows only the sentences meant for people.
 */
export function openStartLog(root: string, verbose: boolean, env: NodeJS.ProcessEnv = process.env): StartLog {
  if (verbose) {
    return { logger: processLogger(process), output: 'inherit', file: null };
  }
  const file = path.join(root, START_LOG);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'a', 0o600);
  writeSync(fd, `\n# npm start ${new Date().toISOString()}\n`);
  const logger = createLogger((line) => {
    writeSync(fd, line);
  }, parseLogLevel(env.LOG_LEVEL, 'info'));
  return { logger, output: fd, file };
}
