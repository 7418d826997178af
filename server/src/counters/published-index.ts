import type { DocumentKey } from '../articles/document-key';

export interface PublishedSource {
  /** Every published (documentId, locale), a page at a time. */
  all(): AsyncIterable<DocumentKey[]>;
  /** The locales a document is published in now. */
  localesOf(documentId: string): Promise<string[]>;
}

/**
 * Which articles are published, per locale, in memory: the beacon asks it on every request, so
 * the answer must not cost a query. A full read at start and every few seconds, and a read of
 * one document after each of its saves, keep it current.
 */
export const createPublishedIndex = (source: PublishedSource) => {
  let byLocale = new Map<string, Set<string>>();
  // Documents read while a full read was under way: their newer state is applied after it.
  let readDuringReload: Array<[string, string[]]> | null = null;

  const apply = (documentId: string, locales: string[]): void => {
    for (const ids of byLocale.values()) ids.delete(documentId);
    for (const locale of locales) {
      const ids = byLocale.get(locale) ?? new Set<string>();
      ids.add(documentId);
      byLocale.set(locale, ids);
    }
  };

  const has = ({ documentId, locale }: DocumentKey): boolean => byLocale.get(locale)?.has(documentId) ?? false;

  const reload = async (): Promise<void> => {
    readDuringReload = [];
    try {
      const next = new Map<string, Set<string>>();
      for await (const page of source.all()) {
        for (const { documentId, locale } of page) {
          const ids = next.get(locale) ?? new Set<string>();
          ids.add(documentId);
          next.set(locale, ids);
        }
      }
      byLocale = next;
      for (const [documentId, locales] of readDuringReload) apply(documentId, locales);
    } finally {
      readDuringReload = null;
    }
  };

  const refresh = async (documentId: string): Promise<void> => {
    const locales = await source.localesOf(documentId);
    readDuringReload?.push([documentId, locales]);
    apply(documentId, locales);
  };

  return { has, reload, refresh };
};
