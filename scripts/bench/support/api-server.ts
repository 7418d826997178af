/**
 * The playground as `bench:api` runs it: production mode, compiled, admin panel not served, on a
 * database filled beforehand. Prints `BENCH_READY {port, slugs, page}` once it listens.
 */
import { createStrapi, type Core } from '@strapi/strapi';

const [appDir, distDir, slugCount] = process.argv.slice(2);

const benchSlugs = async (strapi: Core.Strapi, count: number): Promise<string[]> =>
  (
    (await strapi.db.query('plugin::newsroom.article').findMany({
      select: ['slug'],
      where: { locale: 'en', publishedAt: { $notNull: true }, slug: { $startsWith: 'bench-' } },
      orderBy: { id: 'asc' },
      limit: count,
    })) as Array<{ slug: string }>
  ).map((row) => row.slug);

const main = async (): Promise<void> => {
  const strapi = await createStrapi({ appDir, distDir, serveAdminPanel: false }).load();
  await strapi.listen();
  const page = (await strapi.db.query('api::page.page').findOne({ select: ['documentId'], where: { slug: 'about-us', publishedAt: { $notNull: true } } })) as {
    documentId: string;
  } | null;
  process.stdout.write(
    `BENCH_READY ${JSON.stringify({ port: strapi.config.get('server.port'), slugs: await benchSlugs(strapi, Number(slugCount)), page: page?.documentId })}\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
