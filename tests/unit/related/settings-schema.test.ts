import { relatedSettingsSchema, validateRelatedSettings } from '../../../server/src/config/related-settings';
import { defaultRelatedSettings, resolveRelatedSettings, type RelatedSettings } from '../../../server/src/related/settings';

const withChange = (change: (settings: Record<string, unknown> & RelatedSettings) => void): unknown => {
  const settings = structuredClone(defaultRelatedSettings) as Record<string, unknown> & RelatedSettings;
  change(settings);
  return settings;
};

const messageFor = (settings: unknown): string => {
  try {
    validateRelatedSettings(settings);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
};

describe('related settings schema', () => {
  it('accepts the defaults and resolved overrides unchanged', () => {
    expect(validateRelatedSettings(structuredClone(defaultRelatedSettings))).toEqual(defaultRelatedSettings);
    expect(relatedSettingsSchema.validate(resolveRelatedSettings({ listSize: 8, diversity: { maxPerSection: 3 } })).error).toBeUndefined();
  });

  it.each([
    ['listSize', (s: RelatedSettings) => (s.listSize = 0), '"related.listSize" must be greater than or equal to 1'],
    ['minScore', (s: RelatedSettings) => (s.minScore = 1.5), '"related.minScore" must be less than or equal to 1'],
    ['fieldWeights.title', (s: RelatedSettings) => (s.fieldWeights.title = -1), '"related.fieldWeights.title"'],
    ['bm25.b', (s: RelatedSettings) => (s.bm25.b = 2), '"related.bm25.b"'],
    ['queryTerms', (s: RelatedSettings) => (s.queryTerms = s.profileTerms + 1), '"related.queryTerms"'],
    ['candidates', (s: RelatedSettings) => (s.candidates = 3), '"related.candidates"'],
    ['postings.capacity', (s: RelatedSettings) => (s.postings.capacity = s.postings.scan - 1), '"related.postings.capacity"'],
    ['recency.halfLifeDays', (s: RelatedSettings) => (s.recency.halfLifeDays = 0), '"related.recency.halfLifeDays"'],
    ['diversity.backfill', (s: RelatedSettings) => ((s.diversity as unknown as Record<string, unknown>).backfill = 'yes'), '"related.diversity.backfill"'],
    ['neighbours.pool', (s: RelatedSettings) => (s.neighbours.pool = 1), '"related.neighbours.pool"'],
    ['reprofileGrowth', (s: RelatedSettings) => (s.reprofileGrowth = 1), '"related.reprofileGrowth" must be 0 (never) or at least 1.1'],
    ['analysis.defaultLanguage', (s: RelatedSettings) => (s.analysis.defaultLanguage = 'klingon'), '"related.analysis.defaultLanguage"'],
    ['analysis.languages', (s: RelatedSettings) => (s.analysis.languages = { 'pt-BR': 'xx' }), '"related.analysis.languages.pt-BR"'],
    ['analysis.numbers', (s: RelatedSettings) => ((s.analysis as unknown as Record<string, unknown>).numbers = 'some'), '"related.analysis.numbers"'],
    ['analysis.maxTokenLength', (s: RelatedSettings) => (s.analysis.maxTokenLength = 1), '"related.analysis.maxTokenLength"'],
    ['analysis.keepWords', (s: RelatedSettings) => (s.analysis.keepWords = { en: [''] }), '"related.analysis.keepWords.en[0]"'],
  ])('rejects a bad %s, naming it', (_name, change, expected) => {
    expect(messageFor(withChange(change))).toContain(expected);
  });

  it('rejects unknown and missing settings, naming them all', () => {
    const message = messageFor(
      withChange((s) => {
        s.colour = 'blue';
        delete (s as Partial<RelatedSettings>).minScore;
      }),
    );
    expect(message).toContain('"related.colour" is not allowed');
    expect(message).toContain('"related.minScore" is required');
  });
});
