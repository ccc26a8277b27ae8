import { resolve } from 'node:path';
import { AuthInputError } from '../auth/store.js';
import { ADMIN_USAGE, parseAdminArgs } from './args.js';
import { runAdminCommand } from './commands.js';

/** `npm run admin -- --data <dir> <command> …`: accounts, groups, tokens, backup and restore. */
async function main(): Promise<void> {
  const args = parseAdminArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    process.stdout.write(`${ADMIN_USAGE}\n`);
    return;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${args.message}\n\n${ADMIN_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  try {
    await runAdminCommand(resolve(args.dataDir), args.command, (line) => process.stdout.write(`${line}\n`));
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

await main();
