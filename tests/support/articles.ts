import type { Core } from '@strapi/strapi';
import { documentsOf } from '../../support/documents';

export const ARTICLE = 'plugin::newsroom.article';

export interface ArticleInput {
  title: string;
  paragraphs: string[];
  dek?: string;
  locale?: string;
  tags?: string[];
  publish?: boolean;
  extra?: Record<string, unknown>;
}

type Saved = { documentId: string };

export const paragraphs = (...texts: string[]) => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

/** Creates (and by default publishes) an article through the Document Service, as an editor would. */
export const createArticle = async (strapi: Core.Strapi, input: ArticleInput): Promise<string> => {
  const articles = documentsOf<Saved>(strapi, ARTICLE);
  const tags = [];
  for (const name of input.tags ?? []) {
    const existing = await documentsOf<Saved>(strapi, 'plugin::newsroom.tag').findFirst({ filters: { name } });
    tags.push(existing?.documentId ?? (await documentsOf<Saved>(strapi, 'plugin::newsroom.tag').create({ data: { name } })).documentId);
  }
  const saved = await articles.create({
    locale: input.locale ?? 'en',
    status: input.publish === false ? 'draft' : 'published',
    data: { title: input.title, dek: input.dek ?? '', body: paragraphs(...input.paragraphs), tags, ...input.extra },
  });
  return saved.documentId;
};
