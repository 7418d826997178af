/**
 * Counts, from the SQL the database actually receives, how many statements of one flush (one
 * transaction) touch the same article in each counter table. Independent of the plugin's code:
 * it reads knex's `query` events.
 */

export interface QueryEvent {
  sql?: string;
  bindings?: unknown[];
  __knexTxId?: string;
}

// SQLite's multi-row insert is `insert into t (cols) select ? as a ... union all select ...`.
const COUNTER_TABLE = /^insert into [`"]?(newsroom_counter_(?:buckets|totals))[`"]? \(([^)]*)\) (?:values|select)/i;

export const createWriteAudit = () => {
  // transaction → table → article → statements
  const flushes = new Map<string, Map<string, Map<string, number>>>();

  const onQuery = (query: QueryEvent): void => {
    const match = COUNTER_TABLE.exec(query.sql ?? '');
    if (!match || !query.bindings) return;
    const columns = match[2].split(',').map((column) => column.trim().replace(/[`"]/g, ''));
    const documentAt = columns.indexOf('document_id');
    const localeAt = columns.indexOf('locale');
    const rows = Math.floor(query.bindings.length / columns.length);
    const articles = new Set<string>();
    for (let row = 0; row < rows; row += 1) {
      articles.add(`${String(query.bindings[row * columns.length + documentAt])} ${String(query.bindings[row * columns.length + localeAt])}`);
    }
    const flush = query.__knexTxId ?? `statement-${flushes.size}`;
    const tables = flushes.get(flush) ?? new Map<string, Map<string, number>>();
    const perArticle = tables.get(match[1]) ?? new Map<string, number>();
    for (const article of articles) perArticle.set(article, (perArticle.get(article) ?? 0) + 1);
    tables.set(match[1], perArticle);
    flushes.set(flush, tables);
  };

  /** The most statements one table received for one article within one flush. */
  const report = () => {
    let maxWritesPerArticlePerFlush = 0;
    for (const tables of flushes.values()) {
      for (const perArticle of tables.values())
        for (const writes of perArticle.values()) maxWritesPerArticlePerFlush = Math.max(maxWritesPerArticlePerFlush, writes);
    }
    return { flushes: flushes.size, maxWritesPerArticlePerFlush };
  };

  return { onQuery, report };
};
