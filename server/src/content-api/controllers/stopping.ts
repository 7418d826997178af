import type { Context } from 'koa';

/**
 * A request that reaches an instance after its counters stopped (between the plugin's shutdown
 * flush and the server closing) is refused rather than buffered and lost: the client may retry.
 */
export const refuseWhileStopping = (ctx: Context): void => {
  ctx.status = 503;
  ctx.set('Retry-After', '1');
  ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message: 'This instance is shutting down', details: {} } };
};
