import { useCallback, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ActionResult, WorkshopAction } from '../../../shared/docs/workshop/actions';
import type { Locale } from '../../i18n/i18n';
import { api } from '../../api/client';

/** Query key of the caller's own view of a session (`workshop.me`). */
export const meKey = (sessionId: string, token: string) => ['workshop', 'me', sessionId, token] as const;

/** The half of a host message ("Deutsch / English") in the UI's language. */
export function hostMessage(error: unknown, locale: Locale): string {
  const message = error instanceof Error ? error.message : String(error);
  const [de, en] = message.split(' / ');
  return (locale === 'en' ? en : de) ?? message;
}

/**
 * Sends actions of one session with a session token. The server decides; a refusal (a dot over
 * the budget, a phase change by a participant) comes back as the error shown next to the buttons.
 */
export function useWorkshopActions(sessionId: string, token: string, locale: Locale) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = useCallback(
    async (action: WorkshopAction): Promise<ActionResult | null> => {
      setBusy(true);
      try {
        const result = await api.workshop.act({ sessionId, token, action });
        setError(null);
        return result;
      } catch (e: unknown) {
        setError(hostMessage(e, locale));
        return null;
      } finally {
        setBusy(false);
        void queryClient.invalidateQueries({ queryKey: meKey(sessionId, token) });
      }
    },
    [sessionId, token, locale, queryClient],
  );
  return { act, error, busy, clearError: () => setError(null) };
}
