import type { Context, Next } from 'koa';
import { AnsweredError } from '../errors/answered-error';
import { answerError } from '../errors/error-envelope';

/** Answers the plugin's `AnsweredError`s with their status in Strapi's error envelope; leaves any other error to Strapi. */
export default () =>
  async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AnsweredError)) throw error;
      const { status, name, message, options } = error;
      answerError(ctx, { status, name, message, ...options });
    }
  };
