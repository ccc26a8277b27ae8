/** Signing in (accounts on the sync server) or naming oneself (no accounts); runs before the workspace opens. */
export { SignIn } from './SignIn';
export { RenameDialog, Welcome } from './Welcome';
export { messages as authMessages } from './messages';
export { ALL_PERMISSIONS, authRequired, loadSession, permissionsOf, refresh, saveSession, type Permissions, type Session } from './session';
