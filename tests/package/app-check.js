// Copied into the fresh app and run there, so `@strapi/strapi` and the plugin resolve from the
// app's own node_modules, never from this repository. Prints one JSON line for the test to check.
const { createStrapi } = require('@strapi/strapi');

const ARTICLE = 'plugin::newsroom.article';

(async () => {
  const strapi = await createStrapi({ appDir: process.cwd(), distDir: process.cwd() }).load();
  const contentTypes = Object.keys(strapi.contentTypes).filter((uid) => uid.startsWith('plugin::newsroom.'));
  const created = await strapi.documents(ARTICLE).create({
    locale: 'en',
    data: { title: 'Packed plugin boots in a fresh app', dek: 'Installed from the npm pack tarball.' },
  });
  await strapi.documents(ARTICLE).publish({ documentId: created.documentId, locale: 'en' });
  const published = await strapi.documents(ARTICLE).findOne({ documentId: created.documentId, locale: 'en', status: 'published' });
  const related = strapi.plugin('newsroom').service('related');
  // Indexing runs after the save, in the plugin's worker: wait for it to see the article.
  let health = await related.health();
  for (let tries = 0; health.indexed < 1 && tries < 60; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    health = await related.health();
  }
  const result = {
    pluginPath: require.resolve('strapi-plugin-newsroom/strapi-server'),
    contentTypes,
    published: published ? { slug: published.slug, publishedAt: published.publishedAt } : null,
    health,
  };
  await strapi.destroy();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
})().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
