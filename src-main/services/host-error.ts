import type { ApiError } from '../../shared/contract';
import { API_ERROR_CODES } from '../../shared/host-envelope';

/** A failed host call with a contract error code and a German/English message, for both hosts. */
export class HostApiError extends Error {
  override readonly name = 'HostApiError';

  constructor(
    readonly code: ApiError['code'],
    message: string,
  ) {
    super(message);
  }

  /** The error as the contract's ApiError shape. */
  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}

/**
 * The one mapping from what a service throws to the error vocabulary: an error that carries a
 * contract error (HostApiError, IndicatorError: `toApiError()`) or an Error with a known code and
 * its message. Anything else is unexpected (undefined): the dispatcher logs it and answers
 * `internal` without its details.
 */
export function toApiError(error: unknown): ApiError | undefined {
  if (typeof error !== 'object' || error === null) {
    return undefined;
  }
  const candidate: unknown =
    'toApiError' in error && typeof error.toApiError === 'function' ? (error as { toApiError(): unknown }).toApiError() : error;
  if (typeof candidate !== 'object' || candidate === null || !('code' in candidate) || !('message' in candidate)) {
    return undefined;
  }
  const { code, message } = candidate;
  const known = API_ERROR_CODES.find((c) => c === code);
  return known && typeof message === 'string' ? { code: known, message } : undefined;
}
