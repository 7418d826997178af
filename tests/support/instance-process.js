// A second playground instance in its own process, for the multi-instance tests. It listens on a
// free port, prints `{"ready":true,"url":...}`, then answers one JSON command per stdin line with
// one JSON line on stdout: {"id","result"} or {"id","error"}.
const readline = require('readline');
const { createStrapi } = require('@strapi/strapi');
const { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR } = JSON.parse(process.argv[2]);

const paragraphs = (texts) => texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));

(async () => {
  const strapi = await createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIST_DIR }).load();
  strapi.server.mount();
  await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
  const recomputed = [];
  strapi.eventHub.on('newsroom.related.recomputed', async (event) => {
    recomputed.push(event);
  });
  const settingsApplied = [];
  strapi.eventHub.on('newsroom.settings.applied', async (event) => {
    settingsApplied.push({ ...event, at: Date.now() });
  });
  const plugin = (name) => strapi.plugin('newsroom').service(name);
  const commands = {
    create: async ({ title, texts }) =>
      (await strapi.documents('plugin::newsroom.article').create({ locale: 'en', status: 'published', data: { title, body: paragraphs(texts) } })).documentId,
    settle: () => plugin('related').settle(),
    flush: () => plugin('counters').flush(),
    rebuild: () => plugin('related').startRebuild(),
    tick: () => plugin('rankings').runScheduledTick(),
    rebuildStatus: () => plugin('related').rebuildStatus(),
    recomputed: async () => recomputed,
    settings: async () => plugin('settings').current(),
    saveSettings: ({ patch }) => plugin('settings').save(patch),
    settingsApplied: async () => settingsApplied,
    preview: ({ documentId, locale }) => plugin('related').preview({ documentId, locale }),
    stop: async () => {
      await strapi.destroy();
      setImmediate(() => process.exit(0));
    },
  };
  const reply = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);
  readline.createInterface({ input: process.stdin }).on('line', async (line) => {
    const { id, command, args } = JSON.parse(line);
    try {
      reply({ id, result: (await commands[command](args ?? {})) ?? null });
    } catch (error) {
      reply({ id, error: String(error && error.stack) });
    }
  });
  reply({ ready: true, url: `http://127.0.0.1:${strapi.server.httpServer.address().port}` });
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
