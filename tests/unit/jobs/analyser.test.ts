import fs from 'fs';
import os from 'os';
import path from 'path';
import { createAnalyser } from '../../../server/src/jobs/analyser';
import { createProfile, defaultRelatedSettings, resolveRelatedSettings } from '../../../server/src/related';
import { REPOSITORY_DIR } from '../../../support/paths';
import { corpus as fixture } from '../related/corpus.fixture';

const corpus = fixture();

// Built by `npm run build`, which `npm test` runs first.
const builtThread = path.join(REPOSITORY_DIR, 'dist', 'analysis-thread', 'index.js');

describe('analyser', () => {
  it('gives, on its thread, the profiles this thread would compute', async () => {
    expect(fs.existsSync(builtThread)).toBe(true);
    const settings = resolveRelatedSettings({ fieldWeights: { title: 5 } });
    const analyser = createAnalyser(settings, builtThread);
    try {
      const [first, second] = await Promise.all([analyser.analyze(corpus.slice(0, 10)), analyser.analyze(corpus.slice(10))]);
      expect([...first, ...second]).toEqual(corpus.map((article) => createProfile(article, settings)));
      // Other settings give other profiles: the thread used the ones it was given.
      expect(first[0]).not.toEqual(createProfile(corpus[0], defaultRelatedSettings));
    } finally {
      await analyser.close();
    }
  });

  it('starts a new thread after close', async () => {
    const analyser = createAnalyser(defaultRelatedSettings, builtThread);
    try {
      await analyser.analyze(corpus.slice(0, 2));
      await analyser.close();
      expect(await analyser.analyze(corpus.slice(2, 4))).toEqual(corpus.slice(2, 4).map((article) => createProfile(article, defaultRelatedSettings)));
    } finally {
      await analyser.close();
    }
  });

  it('analyses in this thread when its thread cannot start', async () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'analyser-')), 'thread.js');
    fs.writeFileSync(broken, "throw new Error('no thread today');\n");
    const analyser = createAnalyser(defaultRelatedSettings, broken);
    try {
      expect(await analyser.analyze(corpus)).toEqual(corpus.map((article) => createProfile(article, defaultRelatedSettings)));
      expect(await analyser.analyze(corpus.slice(0, 1))).toEqual([createProfile(corpus[0], defaultRelatedSettings)]);
    } finally {
      await analyser.close();
      fs.rmSync(path.dirname(broken), { recursive: true, force: true });
    }
  });
});
