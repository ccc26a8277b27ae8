import { describe, expect, it } from 'vitest';
import { asksForHelp, printUsage, refuseArguments, type CliProcess } from './cli-usage';
import { processLogger } from './log';

function fakeProcess(): CliProcess & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } };
}

describe('command-line helpers', () => {
  it('sees --help and -h anywhere, and nothing else', () => {
    expect(asksForHelp(['--port', '1', '--help'])).toBe(true);
    expect(asksForHelp(['-h'])).toBe(true);
    expect(asksForHelp(['--helpful', 'h', '--port', '-H'])).toBe(false);
  });

  it('prints the usage on stdout, argument problems with the usage on stderr and exit code 2', () => {
    const proc = fakeProcess();
    printUsage(proc, 'Aufruf / usage: x');
    expect(proc.out.join('')).toBe('Aufruf / usage: x\n');
    expect(proc.exitCode).toBeUndefined();
    refuseArguments(proc, 'Ungültiger Port / invalid port', 'Aufruf / usage: x');
    expect(proc.err.join('')).toBe('Ungültiger Port / invalid port\n\nAufruf / usage: x\n');
    expect(proc.exitCode).toBe(2);
  });
});

describe('processLogger', () => {
  it('writes JSON lines to stderr at the LOG_LEVEL, with its fields', () => {
    const lines: string[] = [];
    const logger = processLogger({ stderr: { write: (l: string) => lines.push(l) }, env: { LOG_LEVEL: 'warn' } }, { service: 'x' });
    logger.info('dropped');
    logger.warn('kept', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'kept', service: 'x', n: 1 });
  });

  it('falls back to the given level without LOG_LEVEL', () => {
    const lines: string[] = [];
    const logger = processLogger({ stderr: { write: (l: string) => lines.push(l) }, env: {} }, {}, 'warn');
    logger.info('dropped');
    expect(lines).toEqual([]);
  });
});
