import { encodeKey, type DocumentKey } from '../articles/document-key';

/**
 * Views and reactions accepted since the last flush, held in the process so that a burst of
 * requests becomes one row per article, metric and hour. Pure: no Strapi, no database.
 */

export type Metric = 'view' | 'reaction';

/** An increment of one hourly bucket. `kind` is the reaction kind, `''` for views. */
export interface CountRow extends DocumentKey {
  metric: Metric;
  kind: string;
  hour: number;
  count: number;
}

export type TotalRow = Omit<CountRow, 'hour'>;

/** A visitor's reaction, counted only if its durable row did not exist yet. */
export interface PendingReaction extends DocumentKey {
  kind: string;
  visitor: string;
  hour: number;
}

/** A visitor's view in a dedupe window, counted only if no instance stored its key yet. */
export interface KeyedView extends DocumentKey {
  visitor: string;
  windowStart: number;
  hour: number;
}

export interface CountBatch {
  /** Views counted as they are (a dedupe window of 0). */
  views: CountRow[];
  keyedViews: KeyedView[];
  reactions: PendingReaction[];
}

const SEP = '\u0000';
const countKey = (row: Omit<CountRow, 'count'>): string => [encodeKey(row), row.metric, row.kind, row.hour].join(SEP);
const reactionKey = (reaction: Omit<PendingReaction, 'hour'>): string => [encodeKey(reaction), reaction.kind, reaction.visitor].join(SEP);
export const viewKey = (view: Omit<KeyedView, 'hour'>): string => [encodeKey(view), view.visitor, view.windowStart].join(SEP);

/**
 * Keyed items in the order of their keys: every instance then writes its rows in one order, so
 * concurrent flushes take the rows' locks in one order and cannot deadlock on them.
 */
export const inKeyOrder = <T>(items: Iterable<[string, T]>): T[] => [...items].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([, item]) => item);

/** Adds up rows of the same article, metric, kind and hour, in the order of their keys. */
export const mergeCounts = (rows: CountRow[]): CountRow[] => {
  const merged = new Map<string, CountRow>();
  for (const row of rows) {
    const key = countKey(row);
    const existing = merged.get(key);
    if (existing) existing.count += row.count;
    else merged.set(key, { ...row });
  }
  return inKeyOrder(merged);
};

/** The bucket increments of the reactions that were new. */
export const reactionCounts = (reactions: PendingReaction[]): CountRow[] =>
  mergeCounts(
    reactions.map((reaction) => ({
      documentId: reaction.documentId,
      locale: reaction.locale,
      metric: 'reaction',
      kind: reaction.kind,
      hour: reaction.hour,
      count: 1,
    })),
  );

/** The all-time increments of a set of bucket increments. */
export const totalsOf = (rows: CountRow[]): TotalRow[] => {
  const totals = new Map<string, TotalRow>();
  for (const { hour: _hour, ...row } of rows) {
    const key = countKey({ ...row, hour: 0 });
    const existing = totals.get(key);
    if (existing) existing.count += row.count;
    else totals.set(key, { ...row });
  }
  return [...totals.values()];
};

export const createCountBuffer = () => {
  let views = new Map<string, CountRow>();
  let keyedViews = new Map<string, KeyedView>();
  let reactions = new Map<string, PendingReaction>();

  const addView = (article: DocumentKey, hour: number, count = 1): void => {
    const row: CountRow = { documentId: article.documentId, locale: article.locale, metric: 'view', kind: '', hour, count };
    const key = countKey(row);
    const existing = views.get(key);
    if (existing) existing.count += count;
    else views.set(key, row);
  };

  /** False when the same visitor's view in the same window is already waiting for the next flush. */
  const addKeyedView = (view: KeyedView): boolean => {
    const key = viewKey(view);
    if (keyedViews.has(key)) return false;
    keyedViews.set(key, { ...view });
    return true;
  };

  /** False when the same visitor's reaction is already waiting for the next flush. */
  const addReaction = (reaction: PendingReaction): boolean => {
    const key = reactionKey(reaction);
    if (reactions.has(key)) return false;
    reactions.set(key, { ...reaction });
    return true;
  };

  /** Reactions of one article waiting for the next flush, by kind. */
  const pendingReactions = (article: DocumentKey): Record<string, number> => {
    const byKind: Record<string, number> = {};
    for (const reaction of reactions.values()) {
      if (reaction.documentId === article.documentId && reaction.locale === article.locale) byKind[reaction.kind] = (byKind[reaction.kind] ?? 0) + 1;
    }
    return byKind;
  };

  /** Hands over everything buffered and starts empty: requests arriving meanwhile go to the next batch. */
  const drain = (): CountBatch => {
    const batch = { views: [...views.values()], keyedViews: [...keyedViews.values()], reactions: [...reactions.values()] };
    views = new Map();
    keyedViews = new Map();
    reactions = new Map();
    return batch;
  };

  /** Puts back a batch whose write failed, so that the next flush writes it. */
  const restore = (batch: CountBatch): void => {
    for (const row of batch.views) addView(row, row.hour, row.count);
    for (const view of batch.keyedViews) addKeyedView(view);
    for (const reaction of batch.reactions) addReaction(reaction);
  };

  const isEmpty = (): boolean => views.size === 0 && keyedViews.size === 0 && reactions.size === 0;

  return { addView, addKeyedView, addReaction, pendingReactions, drain, restore, isEmpty };
};
