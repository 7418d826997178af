import request from 'supertest';
import type { Core } from '@strapi/strapi';
import { readConfig } from '../../server/src/config';
import { getService } from '../../server/src/services/access';
import { createSettingsStore } from '../../server/src/config/saved/store';
import { listen, startPlayground, stopPlayground } from '../../support/playground';
import { countRows } from '../../support/test-database';
import { createArticle } from '../support/articles';
import { countersService, readerAgent, storedTotal } from '../support/counters';
import { eventually } from '../support/eventually';

/**
 * Settings in force without a restart: the reaction endpoint follows a save, and a save stored by
 * another instance (written here straight to the plugin store, as that instance does) is applied.
 */
const POLL_MS = 200;

let strapi: Core.Strapi;
let base: string;
let documentId: string;
const applied: Array<{ sections: string[] }> = [];

const http = () => request(base);
const react = (kind: string, visitor: string) =>
  http().post(`/api/newsroom/articles/${documentId}/reactions`).set('User-Agent', readerAgent(visitor)).send({ kind });
const settingsService = () => getService(strapi, 'settings');
const reactionRows = () => countRows(strapi.db.connection('newsroom_counter_reactions').where({ document_id: documentId }));
const rebuilds = () => countRows(strapi.db.connection('newsroom_related_rebuilds'));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  process.env.NEWSROOM_CONFIG = JSON.stringify({ rankings: { schedule: { enabled: false, intervalSeconds: 60 } }, settingsPollMs: POLL_MS });
  strapi = await startPlayground();
  base = await listen(strapi);
  strapi.eventHub.on('newsroom.settings.applied', async (event: { sections: string[] }) => {
    applied.push(event);
  });
  documentId = await createArticle(strapi, { title: 'Settings in force', paragraphs: ['An article for the reaction kinds in force.'] });
  await countersService(strapi).settle();
});

afterAll(async () => {
  await stopPlayground(strapi);
  delete process.env.NEWSROOM_CONFIG;
});

describe('settings in force without a restart', () => {
  it('accepts a reaction kind as soon as a save adds it and refuses one it removed, storing nothing', async () => {
    expect((await react('veryGood', 'before-save')).status).toBe(200);
    expect((await react('like', 'before-save')).status).toBe(400);

    await settingsService().save({ counters: { reactionKinds: ['like', 'wow'] } });

    const liked = await react('like', 'after-save');
    expect(liked.status).toBe(200);
    expect(liked.body.data.reactions).toEqual({ like: 1, wow: 0 });
    await countersService(strapi).flush();
    const rows = await reactionRows();
    const refused = await react('veryGood', 'after-save');
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ status: 400, name: 'ValidationError' });
    await countersService(strapi).flush();
    expect(await reactionRows()).toBe(rows);
    expect(await storedTotal(strapi, documentId, 'reaction', 'veryGood')).toBe(1);
    expect(await storedTotal(strapi, documentId, 'reaction', 'like')).toBe(1);

    // The poll finds this instance's own save already in force: nothing is applied twice.
    await pause(POLL_MS * 5);
    expect(applied).toEqual([]);
  });

  it('applies a save stored by another instance within the poll interval, restarting only what changed, rebuilding nothing', async () => {
    const store = createSettingsStore(strapi);
    const before = await rebuilds();
    const started = Date.now();
    await store.write({ ...(await store.read()), counters: { reactionKinds: ['like', 'wow', 'sad'] }, related: { listSize: 3 } });
    await store.announce();

    await eventually(async () => applied.length > 0, 10_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(applied).toEqual([{ sections: ['related', 'counters'] }]);
    expect(readConfig(strapi).related.listSize).toBe(3);
    expect((await react('sad', 'from-elsewhere')).status).toBe(200);
    expect(await rebuilds()).toBe(before);
  });

  it('ignores a stored patch that is invalid over the file config, with a warning: the files win', async () => {
    const warn = jest.spyOn(strapi.log, 'warn');
    const store = createSettingsStore(strapi);
    applied.length = 0;
    await store.write({ counters: { reactionKinds: [] } });
    await store.announce();

    await eventually(async () => applied.length > 0, 10_000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('saved settings ignored'));
    warn.mockRestore();
    expect(readConfig(strapi).counters.reactionKinds).toEqual(['veryGood']);
    expect(readConfig(strapi).related.listSize).not.toBe(3);
    expect((await react('veryGood', 'files-win')).status).toBe(200);
    expect((await react('sad', 'files-win')).status).toBe(400);
  });
});
