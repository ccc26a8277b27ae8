import type { ApiError } from '../../../shared/contract';

/** A request the indicator cache cannot answer; carries the contract's error code and a German/English message. */
export class IndicatorError extends Error {
  override readonly name = 'IndicatorError';

  constructor(
    readonly code: ApiError['code'],
    readonly messageDe: string,
    readonly messageEn: string,
  ) {
    super(`${messageDe} / ${messageEn}`);
  }

  /** The error as the contract's ApiError shape. */
  toApiError(): ApiError {
    return { code: this.code, message: this.message };
  }
}
