import { parseArgs } from 'node:util';
import { Role } from '../../shared/sync/auth-api.js';

/** One admin command with its arguments, checked. */
export type AdminCommand =
  | { name: 'create-user'; login: string; displayName: string; role: Role; password?: string }
  | { name: 'create-group'; groupId: string; displayName: string }
  | { name: 'add-member'; groupId: string; login: string; lead: boolean }
  | { name: 'remove-member'; groupId: string; login: string }
  | { name: 'disable-user' | 'enable-user' | 'revoke-tokens'; login: string }
  | { name: 'set-password'; login: string; password: string }
  | { name: 'invite'; login: string; ttlHours: number; baseUrl?: string }
  | { name: 'issue-token'; login: string; ttlSeconds?: number }
  | { name: 'list' }
  | { name: 'backup'; file: string; force: boolean }
  | { name: 'restore'; file: string };

/** Parsed command line: a command on a data directory, help, or an error shown with the usage. */
export type AdminArgs = { kind: 'run'; target: AdminTarget; command: AdminCommand } | { kind: 'help' } | { kind: 'error'; message: string };

/**
 * Where the admin command works: the data directory's SQLite database, or, with `postgresUrl`,
 * the accounts and documents a scaled-out cluster keeps in PostgreSQL.
 */
export type AdminTarget = { dataDir: string; postgresUrl?: undefined } | { postgresUrl: string; dataDir?: undefined };

/** Usage text of `npm run admin`. */
export const ADMIN_USAGE = `Aufruf / usage: npm run admin -- --data <verzeichnis/dir> <befehl/command> …
       npm run admin -- --postgres <postgres://…> <befehl/command> …   (Cluster: Konten und Dokumente in PostgreSQL)
  create-user <login> --name "<Anzeigename>" --role admin|stabsstelle|moderation|member [--password <pw>]
  create-group <gruppen-id> --name "<Name>"      (erscheint im Arbeitsbereich / listed in the workspace)
  add-member <gruppen-id> <login> [--lead]
  remove-member <gruppen-id> <login>
  disable-user <login> | enable-user <login>    (sperren widerruft alle Tokens / disabling revokes all tokens)
  revoke-tokens <login>                         (überall abmelden / sign out everywhere)
  set-password <login> --password <pw>
                 --password -  liest das Passwort von der Standardeingabe (nicht in der Prozessliste sichtbar)
                               reads the password from standard input (not visible in the process list)
  invite <login> [--ttl-hours 72] [--base-url https://…]   (Einmal-Code, setzt das Passwort / one-time code)
  issue-token <login> [--ttl <sekunden>]        (Token in der letzten Zeile / token on the last line)
  list                                          (Konten und Gruppen als JSON / accounts and groups as JSON)
  backup <datei/file> [--force]                 (auch bei laufendem Server / also while the server runs)
  restore <datei/file>                          (nur bei gestopptem Server / only with the server stopped;
                                                 mit --postgres nur in einen leeren Cluster / with --postgres only into an empty cluster)
  Umgebung / environment: FOKUSWERK_POSTGRES_URL statt / instead of --postgres`;

const usageError = (message: string): AdminArgs => ({ kind: 'error', message });

/** `--password -`: read the password from standard input (see cli.ts). */
export const PASSWORD_FROM_STDIN = '-';

/** Parses `argv` (without node and script); never throws. */
export function parseAdminArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): AdminArgs {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string' },
        postgres: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        password: { type: 'string' },
        lead: { type: 'boolean', default: false },
        ttl: { type: 'string' },
        'ttl-hours': { type: 'string' },
        'base-url': { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error: unknown) {
    return usageError(`Ungültige Argumente / invalid arguments: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (values.help === true) {
    return { kind: 'help' };
  }
  // The environment's URL counts only without --data, as the sync server's --postgres does.
  const postgres = typeof values.postgres === 'string' ? values.postgres : values.data === undefined ? nonEmpty(env.FOKUSWERK_POSTGRES_URL) : undefined;
  if (typeof values.data === 'string' && postgres !== undefined) {
    return usageError('--data und --postgres schließen sich aus / --data and --postgres are exclusive');
  }
  if (postgres !== undefined && !/^postgres(ql)?:\/\//.test(postgres)) {
    return usageError('--postgres erwartet eine URL postgres://… / --postgres expects a postgres:// URL');
  }
  if (postgres === undefined && (typeof values.data !== 'string' || values.data.trim() === '')) {
    return usageError('Fehlendes Argument --data <verzeichnis> oder --postgres <url> / missing argument --data <dir> or --postgres <url>');
  }
  const target: AdminTarget = postgres === undefined ? { dataDir: values.data as string } : { postgresUrl: postgres };
  const [name, first, second, ...rest] = positionals;
  const arity = (n: number, what: string): string | null =>
    [first, second].slice(0, n).some((p) => p === undefined) || (n < 2 && second !== undefined) || rest.length > 0
      ? `${name} erwartet ${what} / ${name} expects ${what}`
      : null;
  const text = (key: string): string | undefined => (typeof values[key] === 'string' ? values[key] : undefined);
  const command = ((): AdminCommand | string => {
    switch (name) {
      case 'create-user': {
        const problem = arity(1, '<login>');
        const role = Role.safeParse(text('role'));
        const displayName = text('name');
        if (problem !== null) {
          return problem;
        }
        if (displayName === undefined) {
          return 'Fehlendes Argument --name "<Anzeigename>" / missing argument --name';
        }
        if (!role.success) {
          return `--role muss admin, stabsstelle, moderation oder member sein / --role must be one of ${Role.options.join(', ')}`;
        }
        const password = text('password');
        return { name, login: first as string, displayName, role: role.data, ...(password === undefined ? {} : { password }) };
      }
      case 'create-group': {
        const displayName = text('name');
        return arity(1, '<gruppen-id>') ?? (displayName === undefined ? 'Fehlendes Argument --name "<Name>" / missing argument --name' : { name, groupId: first as string, displayName });
      }
      case 'add-member':
        return arity(2, '<gruppen-id> <login>') ?? { name, groupId: first as string, login: second as string, lead: values.lead === true };
      case 'remove-member':
        return arity(2, '<gruppen-id> <login>') ?? { name, groupId: first as string, login: second as string };
      case 'disable-user':
      case 'enable-user':
      case 'revoke-tokens':
        return arity(1, '<login>') ?? { name, login: first as string };
      case 'set-password': {
        const password = text('password');
        return arity(1, '<login>') ?? (password === undefined ? 'Fehlendes Argument --password / missing argument --password' : { name, login: first as string, password });
      }
      case 'invite': {
        const hours = Number(text('ttl-hours') ?? '72');
        if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
          return 'Ungültige --ttl-hours (1–720) / invalid --ttl-hours';
        }
        const baseUrl = text('base-url');
        return arity(1, '<login>') ?? { name, login: first as string, ttlHours: hours, ...(baseUrl === undefined ? {} : { baseUrl }) };
      }
      case 'issue-token': {
        const ttl = text('ttl');
        if (ttl !== undefined && (!/^\d+$/.test(ttl) || Number(ttl) < 1)) {
          return 'Ungültige --ttl (Sekunden) / invalid --ttl (seconds)';
        }
        return arity(1, '<login>') ?? { name, login: first as string, ...(ttl === undefined ? {} : { ttlSeconds: Number(ttl) }) };
      }
      case 'list':
        return first === undefined ? { name } : 'list erwartet keine Argumente / list expects no arguments';
      case 'backup':
        return arity(1, '<datei>') ?? { name, file: first as string, force: values.force === true };
      case 'restore':
        return arity(1, '<datei>') ?? { name, file: first as string };
      case undefined:
        return 'Fehlender Befehl / missing command';
      default:
        return `Unbekannter Befehl „${name}“ / unknown command`;
    }
  })();
  return typeof command === 'string' ? usageError(command) : { kind: 'run', target, command };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
