import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { readConfig } from '../../config';
import { shapeRanking } from '../../reader/ranking-shape';
import { getService } from '../../services/access';
import type { RankingsService } from '../../services/rankings';
import { validate } from '../../validation';
import { sendCacheable } from '../http-cache';
import { localeQuery, slugParams } from '../validators';

const rankings = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (): RankingsService => getService(strapi, 'rankings');
  const maxAge = readConfig(strapi).rankings.cacheMaxAgeSeconds;

  return {
    /** `GET /rankings/:slug`: the stored list, with `ETag`; `304` when the client has it already. */
    async findOne(ctx: Context): Promise<void> {
      const { slug } = validate(slugParams, { slug: ctx.params.slug }, 'ranking slug');
      const { locale } = validate(localeQuery, ctx.query, 'query');
      const list = await service().find(slug, locale);
      if (!list) throw new errors.NotFoundError('No ranking with this slug in this locale');
      const shaped = shapeRanking(list);
      const keys = getService(strapi, 'edge').header(shaped, shaped.locale);
      sendCacheable(ctx, list.etag, maxAge, keys, () => ({ data: shaped, meta: {} }));
    },
  };
};

export default rankings;
