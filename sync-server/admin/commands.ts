import { resolve } from 'node:path';
import { hashPassword, passwordProblem } from '../auth/password.js';
import { AuthService } from '../auth/service.js';
import { AuthInputError, SqliteAuthStore, type AuthStore } from '../auth/store.js';
import { loadOrCreateKey } from '../auth/token.js';
import { openDatabase } from '../database.js';
import type { AdminCommand, AdminTarget } from './args.js';
import { backupDatabase, restoreDatabase } from './backup.js';

async function checkedHash(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem !== null) {
    throw new AuthInputError(problem);
  }
  return hashPassword(password);
}

/** The account store of the target, with its signing key (loaded on demand) and how to close it. */
async function openAccounts(target: AdminTarget): Promise<{ store: AuthStore; key(): Buffer; close(): void }> {
  if (target.postgresUrl !== undefined) {
    // Loaded only for a cluster: the data-directory commands stay quick to start.
    const { openPgAuthStore } = await import('../extensions/scale-out/pg-auth-store.js');
    const store = openPgAuthStore(target.postgresUrl);
    return { store, key: () => store.tokenKey(), close: () => store.close() };
  }
  const dataDir = resolve(target.dataDir);
  const db = openDatabase(dataDir);
  return { store: new SqliteAuthStore(db), key: () => loadOrCreateKey(dataDir), close: () => db.close() };
}

/**
 * Runs one admin command on the database in the data directory (a string is one) or, with
 * `postgresUrl`, on a cluster's PostgreSQL, printing through `out`. Works while the sync servers
 * run (they notice account changes within their re-check interval and list new groups in the
 * workspace document). Throws AuthInputError for input it refuses.
 */
export async function runAdminCommand(where: string | AdminTarget, command: AdminCommand, out: (line: string) => void): Promise<void> {
  const target: AdminTarget = typeof where === 'string' ? { dataDir: where } : where;
  if (target.postgresUrl !== undefined && (command.name === 'backup' || command.name === 'restore')) {
    const { backupCluster, restoreCluster } = await import('./cluster-backup.js');
    const summary =
      command.name === 'backup' ? await backupCluster(target.postgresUrl, command.file, command.force) : await restoreCluster(target.postgresUrl, command.file);
    out(
      command.name === 'backup'
        ? `Cluster-Sicherung geschrieben / cluster backup written: ${resolve(command.file)} (${summary.documents} Dokumente, ${summary.accounts} Konten, ${summary.groups} Gruppen)`
        : `Cluster wiederhergestellt / cluster restored: ${summary.documents} Dokumente, ${summary.accounts} Konten, ${summary.groups} Gruppen`,
    );
    return;
  }
  const dataDir = resolve(target.dataDir ?? '.');
  if (command.name === 'backup') {
    const summary = await backupDatabase(dataDir, command.file, command.force);
    out(`Sicherung geschrieben / backup written: ${resolve(command.file)} (${summary.documents} Dokumente, ${summary.accounts} Konten, ${summary.groups} Gruppen)`);
    return;
  }
  if (command.name === 'restore') {
    const summary = restoreDatabase(dataDir, command.file);
    if (summary.previous !== null) {
      out(`Bisherige Datenbank aufbewahrt / previous database kept: ${summary.previous}`);
    }
    out(`Wiederhergestellt / restored: ${summary.documents} Dokumente, ${summary.accounts} Konten, ${summary.groups} Gruppen`);
    return;
  }
  // Hash before opening the database: scrypt takes a moment and needs no lock.
  const passwordHash =
    command.name === 'set-password' || (command.name === 'create-user' && command.password !== undefined)
      ? await checkedHash(command.password as string)
      : null;
  const accounts = await openAccounts(target);
  try {
    const { store } = accounts;
    switch (command.name) {
      case 'create-user': {
        const account = store.createAccount({ login: command.login, name: command.displayName, role: command.role, passwordHash });
        out(`Konto angelegt / account created: ${account.login} (${account.name}, ${account.role})${passwordHash === null ? ' – ohne Passwort, siehe „invite“ / no password yet, see invite' : ''}`);
        return;
      }
      case 'create-group': {
        const group = store.createGroup(command.groupId, command.displayName);
        out(`Arbeitsgruppe angelegt / group created: ${group.id} (${group.name})`);
        return;
      }
      case 'add-member':
        store.addMember(command.groupId, command.login, command.lead);
        out(`Mitglied hinzugefügt / member added: ${command.login} → ${command.groupId}${command.lead ? ' (Leitung / lead)' : ''}`);
        return;
      case 'remove-member':
        store.removeMember(command.groupId, command.login);
        out(`Mitglied entfernt / member removed: ${command.login} ✕ ${command.groupId}`);
        return;
      case 'disable-user':
      case 'enable-user': {
        const account = store.setDisabled(command.login, command.name === 'disable-user');
        out(account.disabled ? `Konto gesperrt / account disabled: ${account.login}` : `Konto entsperrt / account enabled: ${account.login}`);
        return;
      }
      case 'revoke-tokens':
        store.revokeTokens(command.login);
        out(`Alle Tokens widerrufen / all tokens revoked: ${command.login}`);
        return;
      case 'set-password':
        store.setPasswordHash(store.requireAccount(command.login).id, passwordHash as string);
        out(`Passwort gesetzt, frühere Tokens widerrufen / password set, earlier tokens revoked: ${command.login}`);
        return;
      case 'invite': {
        const { code, expiresAt } = store.createInvitation(command.login, command.ttlHours * 3_600_000);
        out(`Einladung für / invitation for ${store.requireAccount(command.login).login}, gültig bis / valid until ${new Date(expiresAt).toISOString()}`);
        if (command.baseUrl !== undefined) {
          out(`Link: ${command.baseUrl.replace(/\/+$/, '')}/#/einladung/${code}`);
        }
        out(code);
        return;
      }
      case 'issue-token': {
        const account = store.requireAccount(command.login);
        if (account.disabled) {
          throw new AuthInputError(`Das Konto „${account.login}“ ist gesperrt / account is disabled`);
        }
        const service = new AuthService(store, accounts.key());
        const { token, expiresAt } = service.issueToken(account, command.ttlSeconds === undefined ? {} : { ttlSeconds: command.ttlSeconds });
        out(`Token für / token for ${account.login}, gültig bis / valid until ${new Date(expiresAt).toISOString()}:`);
        out(token);
        return;
      }
      case 'list':
        out(JSON.stringify({ accounts: store.accounts(), groups: store.groups() }, null, 2));
        return;
    }
  } finally {
    accounts.close();
  }
}
