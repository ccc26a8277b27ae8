import { HostError, type HostErrorCode } from '../api/client';
import type { I18n } from '../i18n/i18n';
import type { Locale } from '../i18n/format';

/** The code of a failure: a host call's own, 'unreachable' for a failed fetch, else 'internal'. */
export function errorCode(error: unknown): HostErrorCode {
  if (error instanceof HostError) {
    return error.code;
  }
  return error instanceof TypeError ? 'unreachable' : 'internal';
}

/**
 * The part of a host or server message in the UI language. Their messages read
 * "Deutsch / English"; one without that shape is not shown (it may be developer text).
 */
export function messageInLanguage(message: string, locale: Locale): string | null {
  const parts = message.split(' / ');
  if (parts.length !== 2) {
    return null;
  }
  const part = (locale === 'de' ? parts[0] : parts[1])?.trim() ?? '';
  if (part === '') {
    return null;
  }
  return part.charAt(0).toUpperCase() + part.slice(1);
}

/**
 * What the UI says about a failure: a plain sentence in the UI language with what to do next,
 * chosen by the error code, never the raw message. `own` replaces the sentence for codes the
 * caller can say better (a wrong password at sign-in); `withDetail` adds the server's reason in
 * the UI language for codes where it tells more (a conflict: "status changed meanwhile").
 */
export function errorText(
  error: unknown,
  { t, locale }: Pick<I18n, 't' | 'locale'>,
  own: Partial<Record<HostErrorCode, string>> = {},
  withDetail: readonly HostErrorCode[] = ['conflict', 'forbidden'],
): string {
  const code = errorCode(error);
  const sentence = own[code] ?? t(`error.${code}`);
  const detail = error instanceof HostError && withDetail.includes(code) ? messageInLanguage(error.message, locale) : null;
  return detail ? `${sentence} (${detail})` : sentence;
}
