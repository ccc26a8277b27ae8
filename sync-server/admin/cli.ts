import { createInterface } from 'node:readline';
import { printUsage, refuseArguments } from '../../shared/cli-usage.js';
import { AuthInputError } from '../auth/store.js';
import { ADMIN_USAGE, PASSWORD_FROM_STDIN, parseAdminArgs, type AdminCommand } from './args.js';
import { runAdminCommand } from './commands.js';

/** `npm run admin -- --data <dir> <command> …`: accounts, groups, tokens, backup and restore. */
async function main(): Promise<void> {
  const args = parseAdminArgs(process.argv.slice(2), process.env);
  if (args.kind === 'help') {
    printUsage(process, ADMIN_USAGE);
    return;
  }
  if (args.kind === 'error') {
    refuseArguments(process, args.message, ADMIN_USAGE);
    return;
  }
  try {
    await runAdminCommand(args.target, await withPasswordFromStdin(args.command), (line) => process.stdout.write(`${line}\n`));
  } catch (error: unknown) {
    if (error instanceof AuthInputError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`Fehler / error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

/**
 * `--password -` takes the password from the first line of standard input, so it never shows in
 * the process list (as a password on the command line does).
 */
async function withPasswordFromStdin(command: AdminCommand): Promise<AdminCommand> {
  if (!('password' in command) || command.password !== PASSWORD_FROM_STDIN) {
    return command;
  }
  if (process.stdin.isTTY) {
    process.stderr.write('Passwort / password: ');
  }
  const lines = createInterface({ input: process.stdin, terminal: false });
  let password = '';
  for await (const line of lines) {
    password = line;
    break;
  }
  lines.close();
  if (password === '') {
    throw new AuthInputError('Kein Passwort auf der Standardeingabe / no password on standard input');
  }
  return { ...command, password };
}

await main();
