/** Severity of a log record, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Structured logger: one JSON object per record, so logs stay machine-readable. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

/**
 * Creates a logger writing JSON lines to `sink` (e.g. `(l) => process.stderr.write(l)`).
 * Records below `minLevel` are dropped.
 */
export function createLogger(
  sink: (line: string) => void,
  minLevel: LogLevel = 'info',
  base: Record<string, unknown> = {},
): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>): void => {
    if (ORDER[level] < ORDER[minLevel]) {
      return;
    }
    const record = { time: new Date().toISOString(), level, msg, ...base, ...fields };
    sink(`${JSON.stringify(record, errorReplacer)}\n`);
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger(sink, minLevel, { ...base, ...fields }),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  return value;
}

/** Parses a LOG_LEVEL-style string, falling back to `fallback` for anything unknown. */
export function parseLogLevel(value: string | undefined, fallback: LogLevel = 'info'): LogLevel {
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error' ? value : fallback;
}

/** The parts of a Node process its logger uses (structural, so shared/ needs no Node types). */
export interface LoggingProcess {
  readonly stderr: { write(line: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The logger of a Node process (host, sync server, CLI, script): JSON lines on stderr, level from
 * LOG_LEVEL (else `fallback`), `fields` on every record. Call as `processLogger(process, …)`.
 */
export function processLogger(proc: LoggingProcess, fields: Record<string, unknown> = {}, fallback: LogLevel = 'info'): Logger {
  return createLogger((line) => proc.stderr.write(line), parseLogLevel(proc.env.LOG_LEVEL, fallback), fields);
}
