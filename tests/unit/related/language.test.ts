import { hangulBigrams, languageFor, NO_LANGUAGE, resolveLanguage, supportedLanguages } from '../../../server/src/related/language';
import { defaultRelatedSettings, type AnalysisSettings } from '../../../server/src/related/settings';

const analysis = (overrides: Partial<AnalysisSettings> = {}): AnalysisSettings => ({ ...defaultRelatedSettings.analysis, ...overrides });

const termsOf = (code: string, tokens: string[], settings = analysis()): [string, string][] => {
  const language = languageFor(code, settings);
  const out: [string, string][] = [];
  for (const token of tokens) language.terms(token, (term, surface) => out.push([term, surface]));
  return out;
};

describe('resolveLanguage', () => {
  it('maps locales to analyzer languages, English by default', () => {
    expect(resolveLanguage('en', analysis())).toBe('en');
    expect(resolveLanguage('fr-CA', analysis())).toBe('fr');
    expect(resolveLanguage('pt_BR', analysis())).toBe('pt');
    expect(resolveLanguage('zh-Hans', analysis())).toBe('zh');
    expect(resolveLanguage(null, analysis())).toBe('en');
    expect(resolveLanguage('', analysis())).toBe('en');
    expect(resolveLanguage('xx', analysis())).toBe('en');
    expect(resolveLanguage('xx', analysis({ defaultLanguage: 'de' }))).toBe('de');
    expect(resolveLanguage('en-GB', analysis({ languages: { 'en-GB': NO_LANGUAGE } }))).toBe('none');
  });

  it('knows the stopword and stemmer languages', () => {
    expect(supportedLanguages()).toEqual(expect.arrayContaining(['en', 'fr', 'de', 'ko', 'ja', 'zh', 'nb', 'none']));
  });
});

describe('Language', () => {
  it('stems English, drops stopwords and the possessive, and keeps the readable form', () => {
    expect(termsOf('en', ['elections', 'the', "blair's", 'running', 'companies'])).toEqual([
      ['elect', 'elections'],
      ['blair', 'blair'],
      ['run', 'running'],
      ['compani', 'companies'],
    ]);
    expect(languageFor('en', analysis()).stemmerName).toBe('english');
  });

  it('strips French elisions before stemming', () => {
    const [[term, surface]] = termsOf('fr', ["l'économie"]);
    expect(surface).toBe('économie');
    expect(term).toBe(languageFor('fr', analysis()).stem('économie'));
    expect(termsOf('fr', ['le', 'de', 'et'])).toEqual([]);
  });

  it('leaves languages without a stemmer unstemmed but still stops them', () => {
    const japanese = languageFor('ja', analysis());
    expect(japanese.stemmerName).toBeNull();
    expect(termsOf('ja', ['政策'])).toEqual([['政策', '政策']]);
    expect(termsOf('none', ['the', 'running'])).toEqual([
      ['the', 'the'],
      ['running', 'running'],
    ]);
  });

  it('splits Korean words into bigrams', () => {
    expect(hangulBigrams('북한이탈')).toEqual(['북한', '한이', '이탈']);
    expect(hangulBigrams('서울')).toEqual(['서울']);
    expect(termsOf('ko', ['북한을']).map(([term]) => term)).toEqual(['북한', '한을']);
  });

  it('applies the extra stopwords and the kept words from the settings', () => {
    const settings = analysis({ extraStopwords: { en: ['reuters'] }, keepWords: { en: ['microsoft', 'world'] } });
    expect(termsOf('en', ['reuters', 'microsoft', 'world'], settings).map(([, surface]) => surface)).toEqual(['microsoft', 'world']);
    expect(termsOf('en', ['reuters', 'microsoft', 'world']).map(([, surface]) => surface)).toEqual(['reuters']);
  });
});
