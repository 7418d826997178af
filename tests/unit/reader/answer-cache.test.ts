import { createAnswerCache } from '../../../server/src/reader/answer-cache';

describe('answer cache', () => {
  let time = 0;
  const cache = () => createAnswerCache<{ v: number }>({ ttlMs: 1000, maxEntries: 2, now: () => time });

  beforeEach(() => {
    time = 0;
  });

  it('builds once, then answers from memory until the TTL runs out', async () => {
    const answers = cache();
    const build = jest.fn(async () => ({ v: 1 }));
    await answers.through('a', build);
    await answers.through('a', build);
    expect(build).toHaveBeenCalledTimes(1);
    time = 1000;
    await answers.through('a', build);
    expect(build).toHaveBeenCalledTimes(2);
  });

  it('shares one build between concurrent misses, and keeps no null answer', async () => {
    const answers = cache();
    const build = jest.fn(async () => ({ v: 1 }));
    await Promise.all([answers.through('a', build), answers.through('a', build)]);
    expect(build).toHaveBeenCalledTimes(1);
    const missing = jest.fn(async () => null);
    await answers.through('b', missing);
    await answers.through('b', missing);
    expect(missing).toHaveBeenCalledTimes(2);
  });

  it('drops the least recently used entry past maxEntries', async () => {
    const answers = cache();
    await answers.through('a', async () => ({ v: 1 }));
    await answers.through('b', async () => ({ v: 2 }));
    await answers.through('a', async () => ({ v: 0 }));
    await answers.through('c', async () => ({ v: 3 }));
    expect(await answers.through('a', async () => ({ v: 9 }))).toEqual({ v: 1 });
    expect(await answers.through('b', async () => ({ v: 9 }))).toEqual({ v: 9 });
  });

  it('does not keep an answer built while a clear happened: it may hold what the clear was about', async () => {
    const answers = cache();
    let release: () => void = () => {};
    const slow = answers.through('a', () => new Promise((resolve) => (release = () => resolve({ v: 1 }))));
    answers.clear();
    release();
    expect(await slow).toEqual({ v: 1 });
    expect(await answers.through('a', async () => ({ v: 2 }))).toEqual({ v: 2 });
  });
});
