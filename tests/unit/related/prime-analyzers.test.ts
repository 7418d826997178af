import { createProfile, createRelatedEngine, resolveRelatedSettings, type ArticleProfile } from '../../../server/src/related';
import { corpus } from './corpus.fixture';

const analysed = ({ terms, tf, display, length }: ArticleProfile) => ({ terms, tf, display, length });

describe('RelatedEngine.primeAnalyzers', () => {
  it('teaches the analyzer the stems of indexed words without changing any analysis', () => {
    const articles = [...corpus(), ...corpus({ locale: 'fr' })];
    // Profiles analysed under other settings (as on another thread): these settings' analyzer
    // has stemmed nothing yet. The extra stopword occurs in no article, so the terms are the same.
    const elsewhere = articles.map((article) => createProfile(article, resolveRelatedSettings()));
    const settings = resolveRelatedSettings({ analysis: { ...resolveRelatedSettings().analysis, extraStopwords: { en: ['qqqq'], fr: ['qqqq'] } } });
    const engine = createRelatedEngine(settings);
    for (const profile of elsewhere) engine.upsert(profile);

    const learned = engine.primeAnalyzers();
    expect(learned).toBeGreaterThan(100);
    // A wrong stem learned would change the analysis of the words it covers.
    for (const [at, article] of articles.entries()) expect(analysed(createProfile(article, settings))).toEqual(analysed(elsewhere[at]));
    // What is known is not learned twice.
    expect(engine.primeAnalyzers()).toBe(0);
  });
});
