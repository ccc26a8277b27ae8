import { useMemo } from 'react';
import type { Principal } from '../../../shared/access';
import type { LifecycleWho } from '../../../shared/docs/lifecycle/host-contract';
import { HostError } from '../../api/client';
import { useApp } from '../../state/app-context';

/** Without accounts the sync server lets everyone act as `admin`; the app offers the same. */
const NO_ACCOUNTS: Principal = { role: 'admin', groups: [] };

/** Who the lifecycle calls are made as, and the principal the shared access rules are asked with. */
export function useLifecycle(): { who: LifecycleWho; principal: Principal; login: string; accounts: boolean } {
  const { session, user } = useApp();
  return useMemo(
    () =>
      session
        ? { who: { token: session.token }, principal: session.account, login: session.account.login, accounts: true }
        : { who: { name: user.name }, principal: NO_ACCOUNTS, login: user.name, accounts: false },
    [session, user.name],
  );
}

/** The message of a failed call, for the error line (the host's text is German / English). */
export function errorText(error: unknown): string {
  if (error instanceof HostError || error instanceof Error) {
    return error.message;
  }
  return String(error);
}
