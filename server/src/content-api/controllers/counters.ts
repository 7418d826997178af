import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Context } from 'koa';
import { readConfig } from '../../config';
import { getService } from '../../services/access';
import type { CountersService, CountOutcome, Visitor } from '../../services/counters';
import { validate } from '../../validation';
import { articleParams, localeQuery, reactionBody, viewBody } from '../validators';
import { refuseWhileStopping } from './stopping';

/** The client's address as Koa resolves it: behind a proxy, per Strapi's `server.proxy` settings. */
const visitorOf = (ctx: Context): Visitor => ({ ip: ctx.request.ip, userAgent: ctx.get('user-agent') });

const notFound = (outcome: CountOutcome): void => {
  if (outcome === 'unknown') throw new errors.NotFoundError('No published article with this id in this locale');
};

const counters = ({ strapi }: { strapi: Core.Strapi }) => {
  const service = (): CountersService => getService(strapi, 'counters');

  return {
    /** `POST /articles/:documentId/views`: 202 whether counted, a repeat or a bot's. */
    async view(ctx: Context): Promise<void> {
      const { documentId } = validate(articleParams, { documentId: ctx.params.documentId }, 'article id');
      const { locale } = validate(localeQuery, ctx.query, 'query');
      validate(viewBody, ctx.request.body, 'body');
      const outcome = await service().recordView({ documentId, locale, visitor: visitorOf(ctx) });
      notFound(outcome);
      if (outcome === 'closed') return refuseWhileStopping(ctx);
      ctx.status = 202;
    },

    /** `POST /articles/:documentId/reactions` with `{ "kind": ... }`: the article's reaction counts. */
    async react(ctx: Context): Promise<void> {
      const { documentId } = validate(articleParams, { documentId: ctx.params.documentId }, 'article id');
      const { locale } = validate(localeQuery, ctx.query, 'query');
      // The kinds in force now: a settings save (here or on another instance) changes them.
      const { kind } = validate(reactionBody(readConfig(strapi).counters.reactionKinds), ctx.request.body, 'body');
      const answer = await service().react({ documentId, locale, kind, visitor: visitorOf(ctx) });
      notFound(answer.outcome);
      if (answer.outcome === 'closed') return refuseWhileStopping(ctx);
      ctx.body = { data: { documentId, locale: answer.article.locale, reactions: answer.reactions }, meta: {} };
    },
  };
};

export default counters;
