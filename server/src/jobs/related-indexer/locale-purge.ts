import { decodeKey, encodeKey } from '../../articles/document-key';
import { changeStore } from '../../index-store/changes';
import { TABLES } from '../../index-store/tables';
import type { IndexerContext } from './context';

/** Locales deleted from the site: their articles leave the index, the tables and the queue at once. */
export const createLocalePurge = ({ db, owner, memory, readAhead }: IndexerContext) => {
  /** The locales this index holds articles of. */
  const indexedLocales = (): string[] =>
    Object.entries(memory.engine.stats().locales)
      .filter(([, size]) => size > 0)
      .map(([locale]) => locale);

  /**
   * Forgets every article of these locales (deleted from the site) at once: profiles, lists and
   * jobs, in one transaction, and tells the other instances through the feed.
   */
  const purgeLocales = async (locales: string[]): Promise<number> => {
    if (locales.length === 0) return 0;
    readAhead.drop();
    const gone = new Set(locales);
    const stored: Array<{ document_id: string; locale: string }> = await db()(TABLES.profiles).select('document_id', 'locale').whereIn('locale', locales);
    const keys = new Set([
      ...stored.map((row) => encodeKey({ documentId: row.document_id, locale: row.locale })),
      ...memory.states.keysWithRules(),
      ...memory.outdated,
    ]);
    for (const key of keys) if (!gone.has(decodeKey(key).locale)) keys.delete(key);
    for (const key of keys) {
      memory.forget(key);
      memory.outdated.delete(key);
    }
    await db().transaction(async (trx) => {
      for (const table of [TABLES.profiles, TABLES.vectors, TABLES.links, TABLES.stories, TABLES.jobs]) await trx(table).whereIn('locale', locales).delete();
      await changeStore.append(trx, [...keys].map(decodeKey), owner, 'purge');
    });
    return keys.size;
  };

  return { indexedLocales, purgeLocales };
};
