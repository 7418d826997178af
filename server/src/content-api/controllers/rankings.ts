import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { readConfig } from '../../config';
import type { ServedEntry, ServedList } from '../../rankings/list-store';
import type { RankingKind } from '../../rankings/select';
import type { RankingsService } from '../../services/rankings';
import { localeQuery, rankingParams, validate } from '../validators';

/** The name of an entry's figure in the API, by kind; editors' picks have none. */
const FIGURE_NAME: Record<RankingKind, string | null> = {
  'most-viewed': 'views',
  'most-reacted': 'reactions',
  trending: 'trend',
  'editors-picks': null,
};

const shapeEntry = (kind: RankingKind, { figure, ...entry }: ServedEntry) => {
  const name = FIGURE_NAME[kind];
  return name ? { ...entry, [name]: figure ?? 0 } : entry;
};

const shapeList = (list: ServedList) => ({
  slug: list.slug,
  name: list.name,
  kind: list.kind,
  window: list.window,
  locale: list.locale,
  computedAt: list.computedAt,
  entries: list.entries.map((entry) => shapeEntry(list.kind, entry)),
});

const rankings = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (): RankingsService => strapi.plugin('newsroom').service('rankings') as RankingsService;
  const cacheControl = `public, max-age=${readConfig(strapi).rankings.cacheMaxAgeSeconds}`;

  return {
    /** `GET /rankings/:slug`: the stored list, with `ETag`; `304` when the client has it already. */
    async findOne(ctx: Context): Promise<void> {
      const { slug } = validate(rankingParams, { slug: ctx.params.slug }, 'ranking slug');
      const { locale } = validate(localeQuery, ctx.query, 'query');
      const list = await service().find(slug, locale);
      if (!list) throw new errors.NotFoundError('No ranking with this slug in this locale');
      ctx.set('Cache-Control', cacheControl);
      ctx.set('ETag', list.etag);
      ctx.status = 200;
      // Koa compares If-None-Match with the ETag just set.
      if (ctx.fresh) {
        ctx.status = 304;
        return;
      }
      ctx.body = { data: shapeList(list), meta: {} };
    },
  };
};

export default rankings;
