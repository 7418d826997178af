// Child process for the crash test: boots the playground with this instance's worker off,
// publishes one article, prints its id and kills itself before anything can recompute.
const { createStrapi } = require('@strapi/strapi');
const { PLAYGROUND_DIR, PLAYGROUND_DIST_DIR, article } = JSON.parse(process.argv[2]);

(async () => {
  const strapi = await createStrapi({ appDir: PLAYGROUND_DIR, distDir: PLAYGROUND_DIST_DIR }).load();
  const saved = await strapi.documents('plugin::newsroom.article').create({ locale: 'en', status: 'published', data: article });
  process.stdout.write(`${JSON.stringify({ documentId: saved.documentId })}\n`, () => process.kill(process.pid, 'SIGKILL'));
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
