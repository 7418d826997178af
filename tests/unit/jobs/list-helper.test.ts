import fs from 'fs';
import os from 'os';
import path from 'path';
import { askLists, createListHelper, listsInSteps } from '../../../server/src/jobs/list-helper';
import { createRelatedEngine, resolveRelatedSettings, type RelatedEngine, type RelatedLink, type RelatedOptions } from '../../../server/src/related';
import { REPOSITORY_DIR } from '../../../support/paths';
import { corpus } from '../related/corpus.fixture';

// Built by `npm run build`, which `npm test` runs first.
const builtThread = path.join(REPOSITORY_DIR, 'dist', 'analysis-thread', 'index.js');
const settings = resolveRelatedSettings({ minScore: 0 });
const articles = Array.from({ length: 10 }, (_, copy) => corpus({ dated: true }).map((article) => ({ ...article, id: `${article.id}-${copy}` }))).flat();
const ids = articles.map(({ id }) => id);
// Some lists with pins and exclusions, which their contenders leave out.
const optionsOf = (at: number): RelatedOptions => (at % 4 === 0 ? { pinned: [ids[(at + 9) % ids.length]], exclude: [ids[(at + 2) % ids.length]] } : {});

const loaded = (): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  engine.upsertMany(articles.map((article) => engine.analyze(article)));
  engine.flush();
  return engine;
};

/** Contenders asked of the thread a block at a time, waited for, the lists computed with them. */
const listsWithHelper = async (engine: RelatedEngine, script: string) => {
  const helper = createListHelper(engine, script);
  try {
    const lists = [];
    for (let from = 0; from < ids.length; from += 50) {
      const block = ids.slice(from, from + 50);
      const found = (await helper.ask([block.map((id, at) => engine.listTarget(id, optionsOf(from + at)))]).answer(0)) ?? [];
      lists.push(...block.map((id, at) => engine.related(id, { ...optionsOf(from + at), contenders: found[at] })));
    }
    return { lists, found: helper.found };
  } finally {
    await helper.close();
  }
};

describe('list helper', () => {
  const reference = loaded();
  const expected = ids.map((id, at) => reference.related(id, optionsOf(at)));

  it("finds every list's contenders on its thread: the same lists", async () => {
    expect(fs.existsSync(builtThread)).toBe(true);
    expect(expected.filter((links) => links.length > 0).length).toBeGreaterThan(ids.length / 2);
    const { lists, found } = await listsWithHelper(loaded(), builtThread);
    expect(found).toBe(ids.length);
    expect(lists).toEqual(expected);
  });

  it('finds the steps ahead while the asking thread computes lists, which takes the steps not started', async () => {
    const engine = loaded();
    const helper = createListHelper(engine, builtThread);
    try {
      const targets = (keys: string[]) => keys.map((id) => engine.listTarget(id, optionsOf(ids.indexOf(id))));
      const lists = await listsInSteps(askLists(ids, 10, helper, targets), {
        targets,
        lists: (keys, contenders) =>
          keys.map((id, at): [string, RelatedLink[]] => [id, engine.related(id, { ...optionsOf(ids.indexOf(id)), contenders: contenders[at] })]),
        // Time for the thread to start and get ahead.
        pause: () => new Promise((resolve) => setTimeout(resolve, 20)),
      });
      expect(lists.map(([id]) => id)).toEqual(ids);
      expect(lists.map(([, links]) => links)).toEqual(expected);
      // The last steps at least were taken before the thread started.
      expect(helper.found).toBeGreaterThan(0);
      expect(helper.found).toBeLessThan(ids.length);
    } finally {
      await helper.close();
    }
  });

  it('does not use contenders asked ahead for a list whose rules changed since', async () => {
    const engine = loaded();
    const helper = createListHelper(engine, builtThread);
    try {
      const keys = ids.slice(0, 20);
      // Asked while the second list still excluded its best link outside its story (a story's
      // members compete whatever the contenders): that link is not among its contenders.
      const best = expected[1].find((link) => !link.sameStory)?.id as string;
      expect(best).toBeDefined();
      const rulesThen = (id: string): RelatedOptions => (id === ids[1] ? { exclude: [best] } : optionsOf(ids.indexOf(id)));
      const asked = askLists(keys, 10, helper, (part) => part.map((id) => engine.listTarget(id, rulesThen(id))));
      await Promise.all([asked.asked.answer(0), asked.asked.answer(1)]);
      const lists = await listsInSteps(asked, {
        targets: (part) => part.map((id) => engine.listTarget(id, optionsOf(ids.indexOf(id)))),
        lists: (part, contenders) => part.map((id, at) => engine.related(id, { ...optionsOf(ids.indexOf(id)), contenders: contenders[at] })),
        pause: () => Promise.resolve(),
      });
      expect(helper.found).toBe(keys.length);
      expect(lists[1].map(({ id }) => id)).toContain(best);
      expect(lists).toEqual(expected.slice(0, 20));
    } finally {
      await helper.close();
    }
  });

  it('skips a step the asking thread took, and the asking thread cannot take one it started', async () => {
    const engine = loaded();
    const helper = createListHelper(engine, builtThread);
    try {
      const asked = helper.ask([ids.slice(0, 10), ids.slice(10, 30)].map((keys) => keys.map((id) => engine.listTarget(id))));
      expect(asked.steal(0)).toBe(true);
      expect((await asked.answer(1))?.filter(Boolean)).toHaveLength(20);
      expect(asked.answered(1)).toBe(true);
      // Taken here, skipped there.
      expect(asked.steal(1)).toBe(false);
      expect(await asked.answer(0)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
      expect(helper.found).toBe(20);
    } finally {
      await helper.close();
    }
  });

  it('gives contenders that are not used once the index changed', async () => {
    // Four contenders for lists of four, no stories: a list whose contender went would run short.
    const strict = resolveRelatedSettings({ minScore: 0, candidates: 4, listSize: 1, stories: { threshold: 1 }, cutoff: { direct: 0, relative: 0 } });
    const few = corpus({ dated: true });
    const build = () => {
      const engine = createRelatedEngine(strict);
      engine.upsertMany(few.map((article) => engine.analyze(article)));
      engine.flush();
      return engine;
    };
    const engine = build();
    const gone = few[0].id;
    const helper = createListHelper(engine, builtThread);
    try {
      const targets = few.map(({ id }) => engine.listTarget(id, { limit: 4 }));
      const found = (await helper.ask([targets]).answer(0)) ?? [];
      expect(helper.found).toBe(few.length);
      // Listed by some before it went.
      expect(found.some((contenders) => contenders && Array.from(contenders.slots).includes(targets[0]?.slot as number))).toBe(true);
      engine.remove(gone);
      const fresh = build();
      fresh.remove(gone);
      expect(few.map(({ id }, at) => engine.related(id, { limit: 4, contenders: found[at] }))).toEqual(few.map(({ id }) => fresh.related(id, { limit: 4 })));
    } finally {
      await helper.close();
    }
  });

  it('leaves every list to the engine when its thread cannot start', async () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'list-helper-')), 'thread.js');
    fs.writeFileSync(broken, "throw new Error('no thread today');\n");
    try {
      const { lists, found } = await listsWithHelper(loaded(), broken);
      expect(found).toBe(0);
      expect(lists).toEqual(expected);
    } finally {
      fs.rmSync(path.dirname(broken), { recursive: true, force: true });
    }
  });
});

describe('list helper over an index of more terms than one message part carries', () => {
  // Each invented word is in two neighbouring articles: thousands of terms, every one in the profiles' index.
  const word = (n: number): string => Array.from(n.toString(26).padStart(4, '0'), (digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
  const block = (at: number): string[] => Array.from({ length: 30 }, (_, j) => `q${word((at % 400) * 30 + j)}`);
  const many = Array.from({ length: 400 }, (_, at) => ({
    id: `many-${at}`,
    locale: 'en',
    title: `Report ${block(at).slice(0, 3).join(' ')}`,
    body: [...block(at), ...block(at + 1)].join(' '),
    publishedAt: Date.UTC(2026, 0, 1) + at * 3_600_000,
  }));
  const manyIds = many.map(({ id }) => id);
  const build = (): RelatedEngine => {
    const engine = createRelatedEngine(settings);
    engine.upsertMany(many.map((article) => engine.analyze(article)));
    engine.flush();
    return engine;
  };

  it('sends the lists in parts ahead of the share, and finds the same lists', async () => {
    const engine = build();
    expect(engine.listScoringShare('en')?.lists.lists.length).toBeGreaterThan(2 * 4096);
    const reference = build();
    const expectedMany = manyIds.map((id) => reference.related(id, {}));
    const helper = createListHelper(engine, builtThread);
    try {
      const found = (await helper.ask([manyIds.map((id) => engine.listTarget(id, {}))]).answer(0)) ?? [];
      expect(helper.found).toBe(manyIds.length);
      expect(manyIds.map((id, at) => engine.related(id, { contenders: found[at] }))).toEqual(expectedMany);
      expect(expectedMany.filter((links) => links.length > 0).length).toBeGreaterThan(300);
    } finally {
      await helper.close();
    }
  });
});
