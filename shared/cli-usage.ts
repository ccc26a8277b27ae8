/** Where a command line writes (a Node stream fits it). */
interface Writer {
  write(text: string): unknown;
}

/** The parts of a Node process the command-line helpers use (structural: shared/ has no Node types). */
export interface CliProcess {
  readonly stdout: Writer;
  readonly stderr: Writer;
  exitCode?: number | string | null | undefined;
}

/** True if the arguments ask for the usage text (`--help` or `-h`), whatever else they hold. */
export function asksForHelp(args: readonly string[]): boolean {
  return args.some((arg) => arg === '--help' || arg === '-h');
}

/** Answers `--help`: the usage text on stdout. */
export function printUsage(proc: CliProcess, usage: string): void {
  proc.stdout.write(`${usage}\n`);
}

/** Refuses wrong arguments: what is wrong, then the usage text, on stderr; exit code 2. */
export function refuseArguments(proc: CliProcess, message: string, usage: string): void {
  proc.stderr.write(`${message}\n\n${usage}\n`);
  proc.exitCode = 2;
}
