import type { Context } from 'koa';
import type { KeysHeader } from '../reader/cacheable-answer';

/**
 * Sends an answer with `Cache-Control`, `ETag` and its cache keys; `304` when `If-None-Match`
 * already names it (with its keys too: a cache revalidating an entry keeps them).
 */
export const sendCacheable = (ctx: Context, etag: string, maxAgeSeconds: number, keys: KeysHeader | null, body: () => unknown): void => {
  ctx.set('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  ctx.set('ETag', etag);
  if (keys) ctx.set(keys.name, keys.value);
  ctx.status = 200;
  // Koa compares If-None-Match with the ETag just set.
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  ctx.type = 'application/json';
  ctx.body = body();
};
