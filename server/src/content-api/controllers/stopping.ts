import type { Context } from 'koa';
import { answerError } from '../../errors/error-envelope';

/**
 * A request that reaches an instance after its counters stopped (between the plugin's shutdown
 * flush and the server closing) is refused rather than buffered and lost: the client may retry.
 */
export const refuseWhileStopping = (ctx: Context): void =>
  answerError(ctx, { status: 503, name: 'ServiceUnavailableError', message: 'This instance is shutting down', details: {}, retryAfterSeconds: 1 });
