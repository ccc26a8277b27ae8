import { createContext, useContext } from 'react';
import type { AppInfo } from '../../shared/contract';
import type { DocRegistry } from '../sync/doc-registry';
import type { Permissions, Session } from '../features/auth/session';
import type { LocalUser } from './user';

/** What every view needs: host facts, the shared documents, and the person using the app. */
export interface AppContextValue {
  info: AppInfo;
  registry: DocRegistry;
  user: LocalUser;
  /** The signed-in session; null when the sync server has no accounts (demo, embedded). */
  session: Session | null;
  /** What the UI offers this person; the sync server enforces the same rules. */
  permissions: Permissions;
}

export const AppContext = createContext<AppContextValue | null>(null);

/** The app context; only valid below <App> once the host answered. */
export function useApp(): AppContextValue {
  const ctx = useContext(AppContext);
  if (!ctx) {
    throw new Error('useApp outside AppContext');
  }
  return ctx;
}
