import type { ApiError } from '../../shared/contract';

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
