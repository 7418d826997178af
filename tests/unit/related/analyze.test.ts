import { analyzeFields, analyzerSignature, TAG_PREFIX } from '../../../server/src/related/analyze';
import { createProfile, isArticleProfile } from '../../../server/src/related/profile';
import { resolveRelatedSettings } from '../../../server/src/related/settings';

const tfOf = (counts: { terms: string[]; tf: number[] }, term: string): number => {
  const at = counts.terms.indexOf(term);
  return at < 0 ? 0 : counts.tf[at];
};

describe('analyzeFields', () => {
  const settings = resolveRelatedSettings({ fieldWeights: { title: 3, dek: 2, body: 1, tags: 4, section: 0.5 } });

  it('weights each occurrence by its field', () => {
    const { language, counts } = analyzeFields(
      { title: 'Storm hits coast', dek: 'A storm warning', body: 'The storm brought rain. Rain fell all night.', sectionName: 'Weather' },
      'en',
      settings,
    );
    expect(language).toBe('en');
    expect(tfOf(counts, 'storm')).toBe(3 + 2 + 1);
    expect(tfOf(counts, 'rain')).toBe(2);
    expect(tfOf(counts, 'coast')).toBe(3);
    expect(tfOf(counts, 'weather')).toBe(0.5);
    expect(counts.length).toBe(counts.tf.reduce((a, b) => a + b, 0));
    expect(counts.terms).toEqual([...counts.terms].sort());
  });

  it('indexes tags as exact terms and as words, showing them as typed', () => {
    const { counts } = analyzeFields({ title: 'Talks', tags: ['North  Korea', 'north korea', ' '] }, 'en', settings);
    const tag = `${TAG_PREFIX}north korea`;
    expect(tfOf(counts, tag)).toBe(8);
    expect(counts.display[counts.terms.indexOf(tag)]).toBe('North Korea');
    expect(tfOf(counts, 'korea')).toBe(8);
  });

  it('keeps the most frequent readable form of each stem', () => {
    const { counts } = analyzeFields({ body: 'Elections, elections and an election.' }, 'en', settings);
    expect(counts.terms).toContain('elect');
    expect(counts.display[counts.terms.indexOf('elect')]).toBe('elections');
  });

  it('ignores empty fields and zero weights', () => {
    const { counts } = analyzeFields({ title: null, body: '', tags: null }, 'en', settings);
    expect(counts).toEqual({ terms: [], tf: [], display: [], length: 0 });
    const unweighted = analyzeFields({ title: 'Storm', body: 'rain' }, 'en', resolveRelatedSettings({ fieldWeights: { title: 0 } }));
    expect(unweighted.counts.terms).toEqual(['rain']);
  });

  it('changes its signature when analysis settings change, not otherwise', () => {
    const base = analyzerSignature('en', resolveRelatedSettings());
    expect(analyzerSignature('en', resolveRelatedSettings({ minScore: 0.5 }))).toBe(base);
    expect(analyzerSignature('en', resolveRelatedSettings({ fieldWeights: { title: 9 } }))).not.toBe(base);
    expect(analyzerSignature('fr', resolveRelatedSettings())).not.toBe(base);
  });
});

describe('createProfile', () => {
  it('makes a JSON-safe profile with normalised metadata', () => {
    const profile = createProfile(
      { id: 'a1', locale: 'fr', title: "L'économie ralentit", section: 7, publishedAt: '2024-03-01T10:00:00Z', neverListElsewhere: true },
      resolveRelatedSettings(),
    );
    expect(profile).toMatchObject({ format: 1, id: 'a1', locale: 'fr', language: 'fr', section: '7', neverListElsewhere: true });
    expect(profile.publishedAt).toBe(Date.UTC(2024, 2, 1, 10));
    expect(isArticleProfile(JSON.parse(JSON.stringify(profile)))).toBe(true);
    expect(isArticleProfile({ ...profile, tf: [] })).toBe(false);
    const bare = createProfile({ id: 'b', body: 'x' }, resolveRelatedSettings());
    expect(bare).toMatchObject({ locale: '', section: null, publishedAt: null, neverListElsewhere: false });
  });
});
