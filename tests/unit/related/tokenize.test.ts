import { applyNumberPolicy, normalizeText, tokenize, type TokenizeOptions } from '../../../server/src/related/tokenize';

const options = (overrides: Partial<TokenizeOptions> = {}): TokenizeOptions => ({
  locale: 'en',
  numbers: 'years',
  minTokenLength: 2,
  maxTokenLength: 40,
  maxTokens: 10000,
  ...overrides,
});

describe('normalizeText', () => {
  it('applies NFKC, folds typographic apostrophes and lower-cases for the locale', () => {
    expect(normalizeText('ﬁle Ｆｕｌｌｗｉｄｔｈ Blair’s', 'en')).toBe("file fullwidth blair's");
    expect(normalizeText('İSTANBUL', 'tr')).toBe('istanbul');
    expect(normalizeText('İSTANBUL', 'en')).not.toBe('istanbul');
    expect(normalizeText('ABC', 'not a locale!')).toBe('abc');
  });
});

describe('applyNumberPolicy', () => {
  it('keeps words with digits, and numbers or quantities only as the policy says', () => {
    expect(applyNumberPolicy('mp3', 'drop')).toBe('mp3');
    expect(applyNumberPolicy('3g', 'drop')).toBe('3g');
    expect(applyNumberPolicy('76', 'drop')).toBeNull();
    expect(applyNumberPolicy('2004', 'drop')).toBeNull();
    expect(applyNumberPolicy('2004', 'years')).toBe('2004');
    expect(applyNumberPolicy('1999', 'years')).toBe('1999');
    expect(applyNumberPolicy('3000', 'years')).toBeNull();
    expect(applyNumberPolicy('600m', 'years')).toBeNull();
    expect(applyNumberPolicy('1.13bn', 'years')).toBeNull();
    expect(applyNumberPolicy('1,000', 'keep')).toBe('1000');
    expect(applyNumberPolicy('600m', 'keep')).toBe('600m');
    // Digits of other scripts are digits too (Arabic-Indic, Devanagari, after Latin or Cyrillic letters).
    expect(applyNumberPolicy('٢٠٠٤', 'drop')).toBeNull();
    expect(applyNumberPolicy('२००४', 'keep')).toBe('२००४');
    expect(applyNumberPolicy('éт٢٠٠', 'drop')).toBeNull();
    expect(applyNumberPolicy('été', 'drop')).toBe('été');
  });
});

describe('tokenize', () => {
  it('splits English words the way word boundaries do, keeping joined forms', () => {
    expect(tokenize('TimeWarner’s profit jumped 76% to $1.13bn in 2004; high-speed U.S. e-mail.', options())).toEqual([
      "timewarner's",
      'profit',
      'jumped',
      'to',
      'in',
      '2004',
      'high',
      'speed',
      'u.s',
      'mail',
    ]);
  });

  it('segments Chinese and Japanese with the dictionary segmenter', () => {
    const japanese = tokenize('東京都は新しい政策を発表しました。', options({ locale: 'ja' }));
    expect(japanese).toEqual(expect.arrayContaining(['東京', '政策', '発表']));
    const chinese = tokenize('中国经济增长放缓', options({ locale: 'zh' }));
    expect(chinese).toEqual(expect.arrayContaining(['中国', '经济', '增长']));
    // Single Han characters are words too.
    expect(tokenize('猫', options({ locale: 'zh' }))).toEqual(['猫']);
  });

  it('keeps Korean words whole (bigrams are the language step’s job) and Thai segmented', () => {
    expect(tokenize('북한이탈주민들이 서울에서', options({ locale: 'ko' }))).toEqual(['북한이탈주민들이', '서울에서']);
    expect(tokenize('ประเทศไทยมีฝนตกหนัก', options({ locale: 'th' })).length).toBeGreaterThan(2);
  });

  it('gives the same tokens with the fast path and with Intl.Segmenter everywhere on ordinary prose', () => {
    const text = 'The prime minister said on Monday that the government’s 2005 budget would cut taxes for families, schools and hospitals.';
    expect(tokenize(text, options({ segmentation: 'fast' }))).toEqual(tokenize(text, options({ segmentation: 'intl' })));
  });

  it('drops tokens that are too short or too long and stops after maxTokens', () => {
    expect(tokenize('a bb ccc', options())).toEqual(['bb', 'ccc']);
    expect(tokenize('a bb ccc', options({ minTokenLength: 3 }))).toEqual(['ccc']);
    expect(tokenize(`short ${'x'.repeat(41)} word`, options())).toEqual(['short', 'word']);
    expect(tokenize('one two three four', options({ maxTokens: 2 }))).toEqual(['one', 'two']);
    expect(tokenize('', options())).toEqual([]);
  });
});
