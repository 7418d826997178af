import fs from 'fs';
import os from 'os';
import path from 'path';
import { createProfileHelper } from '../../../server/src/jobs/profile-helper';
import { createRelatedEngine, resolveRelatedSettings, type RelatedEngine } from '../../../server/src/related';
import { REPOSITORY_DIR } from '../../../support/paths';
import { corpus } from '../related/corpus.fixture';

// Built by `npm run build`, which `npm test` runs first.
const builtThread = path.join(REPOSITORY_DIR, 'dist', 'analysis-thread', 'index.js');
const settings = resolveRelatedSettings({ minScore: 0 });
// Enough articles for many blocks of the helper's size.
const articles = Array.from({ length: 40 }, (_, copy) => corpus({ dated: true }).map((article) => ({ ...article, id: `${article.id}-${copy}` }))).flat();

const loaded = (): RelatedEngine => {
  const engine = createRelatedEngine(settings);
  engine.upsertMany(articles.map((article) => engine.analyze(article)));
  return engine;
};

const listsOf = (engine: RelatedEngine) => articles.map(({ id }) => [engine.vectorOf(id), engine.related(id), engine.storyOf(id)]);

/** A rebuild's loop: steps, the helper fed between them, waiting for it when the engine does. */
const reprofile = async (engine: RelatedEngine, script: string): Promise<number> => {
  engine.invalidateProfiles();
  const helper = createProfileHelper(engine, script);
  try {
    expect(await helper.flush(100, () => new Promise((resolve) => setImmediate(resolve)))).toBe(true);
    return helper.computed;
  } finally {
    await helper.close();
  }
};

describe('profile helper', () => {
  const reference = loaded();
  reference.flush();
  const expected = listsOf(reference);

  it('computes blocks of a full reprofile on its thread: the same profiles, lists and stories', async () => {
    expect(fs.existsSync(builtThread)).toBe(true);
    const engine = loaded();
    engine.flush();
    const computed = await reprofile(engine, builtThread);
    expect(computed).toBeGreaterThanOrEqual(250);
    expect(listsOf(engine)).toEqual(expected);
  });

  it('stops its thread once no block is left for it, before the pass ends', async () => {
    const engine = loaded();
    engine.flush();
    engine.invalidateProfiles();
    const helper = createProfileHelper(engine, builtThread);
    // Whether the thread ran, at each pause between the pass's steps.
    const running: boolean[] = [];
    try {
      await helper.flush(100, async () => {
        running.push(helper.running);
        await new Promise((resolve) => setImmediate(resolve));
      });
    } finally {
      await helper.close();
    }
    const stopped = running.lastIndexOf(true) + 1;
    expect(helper.computed).toBeGreaterThanOrEqual(250);
    expect(running.indexOf(true)).toBeGreaterThanOrEqual(0);
    // The profiles' index is built and sorted in steps of their own, with the thread gone.
    expect(running.length - stopped).toBeGreaterThanOrEqual(3);
    expect(listsOf(engine)).toEqual(expected);
  });

  it('leaves every profile to the engine when its thread cannot start', async () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'profile-helper-')), 'thread.js');
    fs.writeFileSync(broken, "throw new Error('no thread today');\n");
    try {
      const engine = loaded();
      engine.flush();
      expect(await reprofile(engine, broken)).toBe(0);
      expect(listsOf(engine)).toEqual(expected);
    } finally {
      fs.rmSync(path.dirname(broken), { recursive: true, force: true });
    }
  });
});
