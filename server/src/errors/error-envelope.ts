import type { Context } from 'koa';

export interface ErrorAnswer {
  status: number;
  name: string;
  message: string;
  /** What the envelope's `error.details` carries (left out when absent). */
  details?: object;
  /** Seconds a client should wait before it tries again (`Retry-After`). */
  retryAfterSeconds?: number;
}

/** Answers with an error in Strapi's envelope (`{ data: null, error }`), for the statuses Strapi's own errors do not have. */
export const answerError = (ctx: Context, { status, name, message, details, retryAfterSeconds }: ErrorAnswer): void => {
  ctx.status = status;
  if (retryAfterSeconds !== undefined) ctx.set('Retry-After', String(retryAfterSeconds));
  ctx.body = { data: null, error: { status, name, message, ...(details ? { details } : {}) } };
};
