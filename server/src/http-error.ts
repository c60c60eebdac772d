import type { ErrorCode } from '../../protocol/src/errors.js';
import type { ApiErrorBody } from '../../protocol/src/rest.js';

/** An error the API answers with as `{ error: { code, message, field? } }` and `status`. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}
