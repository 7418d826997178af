import type { Context, Next } from 'koa';
import type { WorkerOnlyDetails } from '../contracts/errors';
import { IndexRebuildingError, WorkerOnlyError } from '../jobs/worker-only';

/**
 * Answers `503` in Strapi's error envelope when an admin action needs the related index and this
 * instance only serves (another instance can do it, this one cannot), or when a running rebuild
 * must recompute the index first (Strapi's own errors have no such status, and any other error
 * would be a `500`).
 */
export default () =>
  async (ctx: Context, next: Next): Promise<void> => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof WorkerOnlyError || error instanceof IndexRebuildingError)) throw error;
      const details: WorkerOnlyDetails = { reason: error instanceof WorkerOnlyError ? 'serving-only' : 'rebuilding' };
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: error.name, message: error.message, details } };
    }
  };
