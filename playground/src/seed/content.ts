import type { Core } from '@strapi/strapi';
import { paragraphsToBlocks } from './blocks';
import { demoArticles } from './content/articles';
import { demoPages } from './content/pages';
import { demoRankings } from './content/rankings';
import { demoSections } from './content/sections';
import type { DemoArticle, DemoLocale } from './content/types';
import { ARTICLE, PAGE, RANKING, SECTION, TAG } from './uids';

export interface SeedReport {
  sections: number;
  tags: number;
  articles: number;
  rankings: number;
  pages: number;
}

const HOUR = 3_600_000;

// The playground generates no schema types, so the Document Service cannot type the plugin's attributes.
type DocumentData = Record<string, unknown>;

/**
 * Creates whatever part of the demo content is missing, keyed by slug and locale, so a
 * start after an interrupted seed completes it and a start after a full one adds nothing.
 */
export const seedDemoContent = async (strapi: Core.Strapi, now = Date.now()): Promise<SeedReport> => {
  const report: SeedReport = { sections: 0, tags: 0, articles: 0, rankings: 0, pages: 0 };

  const findBySlug = async (uid: typeof ARTICLE | typeof SECTION | typeof RANKING, slug: string, locale: DemoLocale) =>
    strapi.documents(uid).findFirst({ locale, filters: { slug }, fields: ['documentId'] });

  const hasLocale = async (uid: string, documentId: string, locale: DemoLocale) => (await strapi.db.query(uid).count({ where: { documentId, locale } })) > 0;

  const sectionIds = new Map<string, string>();
  for (const section of demoSections) {
    const parent = section.parent ? sectionIds.get(section.parent) : undefined;
    let documentId = (await findBySlug(SECTION, section.slug, 'en'))?.documentId;
    if (!documentId) {
      const data = { name: section.name, slug: section.slug, description: section.description, position: section.position, parent };
      documentId = (await strapi.documents(SECTION).create({ locale: 'en', data })).documentId;
      report.sections += 1;
    }
    if (!(await hasLocale(SECTION, documentId, 'fr'))) {
      const data: DocumentData = { name: section.fr.name, description: section.fr.description, position: section.position, parent };
      await strapi.documents(SECTION).update({ documentId, locale: 'fr', data });
      report.sections += 1;
    }
    sectionIds.set(section.slug, documentId);
  }

  const tagIds = new Map<string, string>();
  for (const name of new Set(demoArticles.flatMap((article) => article.tags))) {
    const existing = await strapi.documents(TAG).findFirst({ filters: { name }, fields: ['documentId'] });
    tagIds.set(name, existing?.documentId ?? (await strapi.documents(TAG).create({ data: { name } })).documentId);
    if (!existing) report.tags += 1;
  }

  const articleIds = new Map<string, string>();
  const articleData = (article: DemoArticle): DocumentData => ({
    title: article.title,
    slug: article.slug,
    dek: article.dek,
    body: paragraphsToBlocks(article.paragraphs),
    byline: article.byline,
    dateline: article.dateline,
    source: article.source,
    publicationDate: new Date(now - article.hoursAgo * HOUR).toISOString(),
    section: sectionIds.get(article.section),
    tags: article.tags.map((tag) => tagIds.get(tag)),
  });

  // English first: French translations join the English documents.
  const ordered = [...demoArticles].sort((a, b) => Number(a.locale !== 'en') - Number(b.locale !== 'en'));
  for (const article of ordered) {
    const existing = await findBySlug(ARTICLE, article.slug, article.locale);
    if (existing) {
      articleIds.set(`${article.locale}:${article.slug}`, existing.documentId);
      continue;
    }
    const translated = article.translationOf ? articleIds.get(`en:${article.translationOf}`) : undefined;
    if (article.translationOf && !translated) {
      throw new Error(`Demo article "${article.slug}" translates "${article.translationOf}", which is not in the demo content`);
    }
    const saved = translated
      ? await strapi.documents(ARTICLE).update({ documentId: translated, locale: article.locale, status: 'published', data: articleData(article) })
      : await strapi.documents(ARTICLE).create({ locale: article.locale, status: 'published', data: articleData(article) });
    if (!saved) throw new Error(`Could not save demo article "${article.slug}"`);
    articleIds.set(`${article.locale}:${article.slug}`, saved.documentId);
    report.articles += 1;
  }

  for (const ranking of demoRankings) {
    const data: DocumentData = {
      name: ranking.name,
      slug: ranking.slug,
      kind: ranking.kind,
      window: ranking.window,
      size: ranking.size,
      section: ranking.section ? sectionIds.get(ranking.section) : undefined,
      pinned: (ranking.pinned ?? []).map((slug) => {
        const id = articleIds.get(`en:${slug}`);
        if (!id) throw new Error(`Demo ranking "${ranking.slug}" pins "${slug}", which is not in the demo content`);
        return id;
      }),
    };
    let documentId = (await findBySlug(RANKING, ranking.slug, 'en'))?.documentId;
    if (!documentId) {
      documentId = (await strapi.documents(RANKING).create({ locale: 'en', data })).documentId;
      report.rankings += 1;
    }
    if (ranking.nameFr && !(await hasLocale(RANKING, documentId, 'fr'))) {
      // Pins name English articles; the French list starts without them.
      const french: DocumentData = { ...data, name: ranking.nameFr, pinned: [] };
      await strapi.documents(RANKING).update({ documentId, locale: 'fr', data: french });
      report.rankings += 1;
    }
  }

  for (const page of demoPages) {
    if (await strapi.documents(PAGE).findFirst({ filters: { slug: page.slug }, fields: ['documentId'] })) continue;
    await strapi.documents(PAGE).create({ status: 'published', data: { ...page } });
    report.pages += 1;
  }

  return report;
};
