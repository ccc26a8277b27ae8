import { createContext, useContext } from 'react';

/** What the app frame's header can ask the app to do. */
export interface ShellActions {
  /** Opens "Namen ändern"; null with accounts (the name is the account's). */
  rename: (() => void) | null;
  signOut: () => void;
}

export const ShellActionsContext = createContext<ShellActions | null>(null);

/** The header actions; only valid inside the workspace. */
export function useShellActions(): ShellActions {
  const ctx = useContext(ShellActionsContext);
  if (!ctx) {
    throw new Error('useShellActions outside ShellActionsContext');
  }
  return ctx;
}
