import { demoArticles } from '../../playground/src/seed/content/articles';
import { demoRankings } from '../../playground/src/seed/content/rankings';
import { demoSections } from '../../playground/src/seed/content/sections';

const words = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('demo content', () => {
  const sectionSlugs = new Set(demoSections.map((section) => section.slug));
  const english = demoArticles.filter((article) => article.locale === 'en');
  const french = demoArticles.filter((article) => article.locale === 'fr');

  it('has at least 8 sections, one of them nested two levels deep, parents listed first', () => {
    expect(demoSections.length).toBeGreaterThanOrEqual(8);
    const seen = new Set<string>();
    for (const section of demoSections) {
      if (section.parent) expect(seen.has(section.parent)).toBe(true);
      seen.add(section.slug);
    }
    const depth = (slug: string | undefined): number => (slug ? 1 + depth(demoSections.find((section) => section.slug === slug)?.parent) : 0);
    expect(Math.max(...demoSections.map((section) => depth(section.slug)))).toBeGreaterThanOrEqual(3);
  });

  it('has at least 80 English articles over the sections, and French ones', () => {
    expect(english.length).toBeGreaterThanOrEqual(80);
    expect(french.length).toBeGreaterThanOrEqual(5);
    expect(new Set(english.map((article) => article.section)).size).toBeGreaterThanOrEqual(8);
  });

  it('gives every article a unique slug, a known section and several paragraphs of body', () => {
    for (const locale of ['en', 'fr']) {
      const slugs = demoArticles.filter((article) => article.locale === locale).map((article) => article.slug);
      expect(new Set(slugs).size).toBe(slugs.length);
    }
    for (const article of demoArticles) {
      expect(sectionSlugs.has(article.section)).toBe(true);
      expect(article.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(article.paragraphs.length).toBeGreaterThanOrEqual(3);
      expect(words(article.paragraphs.join(' '))).toBeGreaterThan(150);
      expect(article.tags.length).toBeGreaterThan(0);
      expect(article.hoursAgo).toBeGreaterThanOrEqual(1);
      expect(article.hoursAgo).toBeLessThanOrEqual(720);
    }
  });

  it('groups articles into stories that share tags', () => {
    const tagUse = new Map<string, number>();
    for (const article of english) for (const tag of article.tags) tagUse.set(tag, (tagUse.get(tag) ?? 0) + 1);
    expect([...tagUse.values()].filter((count) => count >= 4).length).toBeGreaterThanOrEqual(8);
  });

  it('translates only English articles that exist', () => {
    const englishSlugs = new Set(english.map((article) => article.slug));
    for (const article of french.filter((candidate) => candidate.translationOf)) {
      expect(englishSlugs.has(article.translationOf as string)).toBe(true);
    }
  });

  it('pins only existing English articles in the rankings', () => {
    const englishSlugs = new Set(english.map((article) => article.slug));
    for (const ranking of demoRankings) {
      for (const slug of ranking.pinned ?? []) expect(englishSlugs.has(slug)).toBe(true);
      if (ranking.section) expect(sectionSlugs.has(ranking.section)).toBe(true);
    }
  });
});
