import type { Context } from 'koa';

/** Sends an answer with `Cache-Control` and `ETag`; `304` when `If-None-Match` already names it. */
export const sendCacheable = (ctx: Context, etag: string, maxAgeSeconds: number, body: () => unknown): void => {
  ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  ctx.set('ETag', etag);
  ctx.status = 200;
  // Koa compares If-None-Match with the ETag just set.
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = body();
};
