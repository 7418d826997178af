import type { Core } from '@strapi/strapi';
import { getService } from '../../server/src/services/access';

export const countersService = (strapi: Core.Strapi) => getService(strapi, 'counters');
export const rankingsService = (strapi: Core.Strapi) => getService(strapi, 'rankings');
export const clockService = (strapi: Core.Strapi) => getService(strapi, 'clock');

/** An article's stored all-time count of a metric ('view' or 'reaction') and kind. */
export const storedTotal = async (strapi: Core.Strapi, documentId: string, metric: 'view' | 'reaction', kind = '', locale = 'en'): Promise<number> => {
  const row = await strapi.db.connection('newsroom_counter_totals').first('count').where({ document_id: documentId, locale, metric, kind });
  return row ? Number(row.count) : 0;
};

/** A browser-like user agent unique to `visitor`: a distinct reader for the dedupe. */
export const readerAgent = (visitor: string | number): string => `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 reader-${visitor}`;
