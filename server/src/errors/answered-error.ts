/**
 * An error the plugin's admin routes answer with its own status in Strapi's error envelope
 * (`middlewares/answered-errors.ts`): Strapi's own errors have no 409 or 503, and any other
 * error would be a 500.
 */
export class AnsweredError<TDetails extends object = object> extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: 409 | 503,
    readonly options: {
      /** What the envelope's `error.details` carries. */
      details?: TDetails;
      /** Seconds a client should wait before it tries again (`Retry-After`). */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = name;
  }
}
