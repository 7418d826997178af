import fs from 'fs';
import path from 'path';
import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';

/**
 * Serves the demo reader page (public/reader/index.html) at `/` instead of Strapi's redirect to
 * the admin. The page's scripts and styles are plain static files under /reader/.
 */
const readerPage = (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const file = path.join(strapi.dirs.static.public, 'reader', 'index.html');
  return async (ctx: Context, next: Next): Promise<void> => {
    if (ctx.path !== '/' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.type = 'html';
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.body = fs.createReadStream(file);
  };
};

export default readerPage;
