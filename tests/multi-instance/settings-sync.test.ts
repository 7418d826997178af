import request from 'supertest';
import type { Core } from '@strapi/strapi';
import type { NewsroomConfig } from '../../server/src/config';
import { listen, removeDatabase, startPlayground, stopPlayground, temporaryDatabase } from '../../support/playground';
import { countRows } from '../../support/test-database';
import { adminLogin, DEMO_ADMIN } from '../support/admin';
import { readerAgent, storedTotal } from '../support/counters';
import { eventually } from '../support/eventually';
import { startInstance, type Instance } from '../support/instance';
import { listOf, relatedService } from '../support/related';

/**
 * Settings saved in the admin of one instance (A, this process) in force on another (B, a child
 * process on the same database) without restarting B. Runs on every database.
 */
const handle = temporaryDatabase();
let a: Core.Strapi;
let b: Instance;
let urlA: string;
const appliedOnA: unknown[] = [];

const rebuilds = () => countRows(a.db.connection('newsroom_related_rebuilds'));
const previewOnB = async (documentId: string): Promise<number> => ((await b.send<unknown[] | null>('preview', { documentId, locale: 'en' })) ?? []).length;

beforeAll(async () => {
  // No background refresh: every rebuild counted below is one a save started.
  process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: false, intervalSeconds: 60 } }, jobs: { refreshAfterIdleSeconds: 0 } });
  a = await startPlayground({ databaseFile: handle, seed: true });
  a.eventHub.on('newsroom.settings.applied', async (event: unknown) => {
    appliedOnA.push(event);
  });
  urlA = await listen(a);
  await relatedService(a).settle();
  b = await startInstance(handle, { NEWSROOM_CONFIG: process.env.NEWSROOM_CONFIG });
});

afterAll(async () => {
  await b?.stop();
  await stopPlayground(a);
  delete process.env.NEWSROOM_CONFIG;
  await removeDatabase(handle);
});

describe('settings across two instances', () => {
  it('applies settings saved on one instance to the other within seconds, without a restart, with one rebuild', async () => {
    const published = await a.documents('plugin::newsroom.article').findMany({ locale: 'en', status: 'published', fields: ['documentId'] });
    let documentId = '';
    for (const article of published) {
      if ((await previewOnB(article.documentId)) > 2) {
        documentId = article.documentId;
        break;
      }
    }
    expect(documentId).not.toBe('');
    const reactOnB = (kind: string, visitor: string) =>
      request(b.url).post(`/api/newsroom/articles/${documentId}/reactions`).set('User-Agent', readerAgent(visitor)).send({ kind });
    expect((await reactOnB('like', 'settings-before')).status).toBe(400);
    const rebuildsBefore = await rebuilds();
    const token = await adminLogin(a, DEMO_ADMIN);

    const savedAt = Date.now();
    const saved = await request(urlA)
      .put('/newsroom/settings')
      .set('Authorization', `Bearer ${token}`)
      .send({ counters: { reactionKinds: ['like', 'wow'], dedupeWindowSeconds: 0 }, related: { listSize: 2 } })
      .expect(200);
    const answeredAt = Date.now();
    expect(saved.body.data.rebuildStarted).toBe(true);

    // B reports once every changed section has restarted with the new settings.
    let applied: Array<{ sections: string[]; at: number }> = [];
    await eventually(async () => (applied = await b.send<typeof applied>('settingsApplied')).length > 0, 20_000);
    const [appliedOnB] = applied;
    console.log(`settings saved on A in force on B ${appliedOnB.at - answeredAt} ms after A answered (${appliedOnB.at - savedAt} ms after the save was sent)`);
    expect(appliedOnB.sections).toEqual(['related', 'counters']);
    expect(appliedOnB.at - answeredAt).toBeLessThan(10_000);

    expect((await reactOnB('like', 'settings-after')).status).toBe(200);
    const settingsOnB = await b.send<NewsroomConfig>('settings');
    expect(settingsOnB.counters).toMatchObject({ reactionKinds: ['like', 'wow'], dedupeWindowSeconds: 0 });
    expect(settingsOnB.related.listSize).toBe(2);
    // B's in-memory related engine was made again with the new list size.
    expect(await previewOnB(documentId)).toBeLessThanOrEqual(2);
    // A kind the save removed: refused on B, nothing stored.
    const veryGoodBefore = await storedTotal(a, documentId, 'reaction', 'veryGood');
    expect((await reactOnB('veryGood', 'settings-removed')).status).toBe(400);
    // No dedupe window on B now: the same reader's two views both count.
    const viewsBefore = await storedTotal(a, documentId, 'view');
    for (let i = 0; i < 2; i += 1)
      await request(b.url).post(`/api/newsroom/articles/${documentId}/views`).set('User-Agent', readerAgent('settings-repeat')).expect(202);
    await b.send('flush');
    expect(await storedTotal(a, documentId, 'view')).toBe(viewsBefore + 2);
    expect(await storedTotal(a, documentId, 'reaction', 'veryGood')).toBe(veryGoodBefore);

    // One rebuild, started by A; B made its related runtime again and started none.
    expect(await rebuilds()).toBe(rebuildsBefore + 1);
    await eventually(async () => {
      await relatedService(a).settle();
      await b.send('settle');
      const status = await relatedService(a).rebuildStatus();
      // A failed rebuild never turns done: its error says more than a timeout.
      expect(status).not.toMatchObject({ status: 'failed' });
      return status?.status === 'done';
    });
    expect(await rebuilds()).toBe(rebuildsBefore + 1);
    expect((await listOf(a, documentId)).length).toBeLessThanOrEqual(2);
    // A's own save was in force on A already: its poll applied nothing again.
    expect(appliedOnA).toEqual([]);
  });

  it('keeps both of two saves made at once on two instances, each over the other, in force on both', async () => {
    const settingsOnA = () => a.plugin('newsroom').service('settings') as { save(patch: unknown): Promise<unknown>; current(): NewsroomConfig };
    const stored = async () => (await a.store({ type: 'plugin', name: 'newsroom' }).get({ key: 'settings' })) as Partial<NewsroomConfig>;
    // Each save reads the stored patch and writes it back with its own section: at once, without
    // one waiting for the other, the later write lost the earlier's.
    for (let round = 1; round <= 5; round += 1) {
      const window = 600 + round;
      const interval = 120 + round;
      await Promise.all([
        settingsOnA().save({ counters: { dedupeWindowSeconds: window } }),
        b.send('saveSettings', { patch: { rankings: { schedule: { enabled: false, intervalSeconds: interval } } } }),
      ]);
      expect(await stored()).toMatchObject({ counters: { dedupeWindowSeconds: window }, rankings: { schedule: { intervalSeconds: interval } } });
      const inForce = (settings: NewsroomConfig) => settings.counters.dedupeWindowSeconds === window && settings.rankings.schedule.intervalSeconds === interval;
      await eventually(async () => inForce(settingsOnA().current()) && inForce(await b.send<NewsroomConfig>('settings')), 20_000);
    }
  });
});
