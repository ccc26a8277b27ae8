import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A benchmark's command line: parses `options` (plus --help, which prints `usage` and exits) and
 * gives a reader for numeric values that exits with the usage on anything below `min`.
 */
export function benchArgs<O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string) {
  const { values } = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } } });
  if ((values as Record<string, unknown>).help === true) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const number = (name: string, value: string, min: number): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min) {
      process.stderr.write(`Ungültiger Wert für --${name}: „${value}“ / invalid value\n\n${usage}\n`);
      process.exit(2);
    }
    return n;
  };
  return { values, number };
}
