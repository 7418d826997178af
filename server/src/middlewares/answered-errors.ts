import type { Context, Next } from 'koa';
import { AnsweredError } from '../errors/answered-error';

/** Answers the plugin's `AnsweredError`s with their status in Strapi's error envelope; leaves any other error to Strapi. */
export default () =>
  async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AnsweredError)) throw error;
      const { status, name, message, options } = error;
      ctx.status = status;
      if (options.retryAfterSeconds !== undefined) ctx.set('Retry-After', String(options.retryAfterSeconds));
      ctx.body = { data: null, error: { status, name, message, ...(options.details ? { details: options.details } : {}) } };
    }
  };
