import { createHash } from 'crypto';
import { ArticleStates, NO_RULES } from '../../../server/src/jobs/related-indexer/article-states';

const hash = (text: string): string => createHash('sha1').update(text).digest('hex');

describe('ArticleStates', () => {
  it('knows an article has rules only once they were read, and which', () => {
    const states = new ArticleStates();
    expect(states.hasRules('a')).toBe(false);
    expect(states.rulesOf('a')).toBeUndefined();
    states.setVersion('a', hash('a'));
    expect(states.hasRules('a')).toBe(false);
    states.setRules('a', NO_RULES);
    expect(states.rulesOf('a')).toBe(NO_RULES);
    const pinned = { hideRelated: false, pinned: ['x'], excluded: [], notInStory: [] };
    states.setRules('a', pinned);
    expect(states.rulesOf('a')).toBe(pinned);
    states.setRules('a', NO_RULES);
    expect(states.rulesOf('a')).toBe(NO_RULES);
    states.setRules('b', pinned);
    states.setVersion('c', hash('c'));
    expect([...states.keysWithRules()].sort()).toEqual(['a', 'b']);
  });

  it('tells the version an article was analysed from from any other', () => {
    const states = new ArticleStates();
    const first = hash('first');
    states.setVersion('a', first);
    expect(states.hasVersion('a')).toBe(true);
    expect(states.isVersion('a', first)).toBe(true);
    expect(states.isVersion('a', hash('second'))).toBe(false);
    expect(states.isVersion('b', first)).toBe(false);
    // Versions that differ in the first 32 bits or only in the next 32 both differ.
    expect(states.isVersion('a', `${first.slice(0, 8)}${first[8] === '0' ? '1' : '0'}${first.slice(9)}`)).toBe(false);
    expect(states.isVersion('a', `${first[0] === '0' ? '1' : '0'}${first.slice(1)}`)).toBe(false);
    // A version of another form is told apart by its hash.
    states.setVersion('a', '2026-11-02T10:00:00.000Z');
    expect(states.isVersion('a', '2026-11-02T10:00:00.000Z')).toBe(true);
    expect(states.isVersion('a', '2026-11-02T10:00:00.001Z')).toBe(false);
    expect(states.isVersion('a', first)).toBe(false);
  });

  it("keeps a list's entry score exactly, and none before it was computed", () => {
    const states = new ArticleStates();
    states.setRules('a', NO_RULES);
    expect(states.entryScore('a')).toBeUndefined();
    states.setEntryScore('a', 0.1 + 0.2);
    expect(states.entryScore('a')).toBe(0.1 + 0.2);
  });

  it('forgets everything of a deleted article, also when its row is reused', () => {
    const states = new ArticleStates();
    states.setRules('a', { hideRelated: true, pinned: [], excluded: [], notInStory: [] });
    states.setVersion('a', hash('a'));
    states.setEntryScore('a', 0.5);
    states.delete('a');
    expect(states.hasRules('a')).toBe(false);
    expect(states.hasVersion('a')).toBe(false);
    expect(states.entryScore('a')).toBeUndefined();
    states.setRules('b', NO_RULES);
    expect(states.rulesOf('b')).toBe(NO_RULES);
    expect(states.hasVersion('b')).toBe(false);
    expect(states.entryScore('b')).toBeUndefined();
  });

  it('keeps every article as it grows past its first columns', () => {
    const states = new ArticleStates();
    const keys = Array.from({ length: 1000 }, (_, at) => `doc${at}`);
    keys.forEach((key, at) => {
      states.setVersion(key, hash(key));
      states.setEntryScore(key, at / 7);
      if (at % 3 === 0) states.setRules(key, NO_RULES);
    });
    keys.forEach((key, at) => {
      expect(states.isVersion(key, hash(key))).toBe(true);
      expect(states.entryScore(key)).toBe(at / 7);
      expect(states.hasRules(key)).toBe(at % 3 === 0);
    });
  });
});
