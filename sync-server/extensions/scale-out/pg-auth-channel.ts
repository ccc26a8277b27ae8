/** PostgreSQL NOTIFY channel of account changes: written with each change, listened to by every instance. */
export const ACCOUNTS_CHANNEL = 'fokuswerk_accounts_changed';
