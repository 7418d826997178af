import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import type { CacheableAnswer } from '../../reader/cacheable-answer';
import { getService } from '../../services/access';
import type { ReaderService } from '../../services/reader';
import { sendCacheable } from '../http-cache';

/** The reader service, and the way every read endpoint answers: 404, or the cached JSON with its ETag. */
export const readerOf = (strapi: Core.Strapi): ReaderService => getService(strapi, 'reader');

export const sendAnswer = (ctx: Context, reader: ReaderService, answer: CacheableAnswer | null, notFound: string): void => {
  if (!answer) throw new errors.NotFoundError(notFound);
  sendCacheable(ctx, answer.etag, reader.maxAgeSeconds, answer.keys, () => answer.json);
};
