/**
 * The playground as the bench runs it: production mode, compiled, admin panel not served. Prints
 * `BENCH_READY {port, articles, page}` once it listens, and on SIGTERM stops the way Strapi does
 * (the plugin flushes its counters) and prints `BENCH_STOPPED {...}` with the write audit.
 */
import { createStrapi, type Core } from '@strapi/strapi';
import { getService } from '../../../server/src/services/access';
import { createWriteAudit, type QueryEvent } from '../../../support/write-audit';

const [appDir, distDir] = process.argv.slice(2);

const publishedArticles = async (strapi: Core.Strapi): Promise<string[]> =>
  (
    (await strapi.db
      .query('plugin::newsroom.article')
      .findMany({ select: ['documentId'], where: { locale: 'en', publishedAt: { $notNull: true } } })) as Array<{
      documentId: string;
    }>
  ).map((row) => row.documentId);

const main = async (): Promise<void> => {
  const strapi = await createStrapi({ appDir, distDir, serveAdminPanel: false }).load();
  await getService(strapi, 'related').settle();
  const audit = createWriteAudit();
  strapi.db.connection.on('query', (query: QueryEvent) => audit.onQuery(query));
  await strapi.listen();
  const page = (await strapi.db.query('api::page.page').findOne({ select: ['documentId'], where: { slug: 'about-us', publishedAt: { $notNull: true } } })) as {
    documentId: string;
  } | null;
  process.stdout.write(
    `BENCH_READY ${JSON.stringify({ port: strapi.config.get('server.port'), articles: await publishedArticles(strapi), page: page?.documentId })}\n`,
  );

  // Strapi's own SIGTERM handler destroys the instance (the plugin flushes) and exits: the audit
  // is printed once the destroy is done, before the exit.
  const destroy = strapi.destroy.bind(strapi);
  strapi.destroy = async () => {
    await destroy();
    process.stdout.write(`BENCH_STOPPED ${JSON.stringify(audit.report())}\n`);
  };
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
