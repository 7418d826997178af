import type { CorpusStats } from './corpus-stats';
import type { DocTerms } from './profile';
import type { RelatedSettings } from './settings';
import { DenseScratch } from './vector';

/**
 * The reason for a link: the terms both articles contain that weigh most in both (product of
 * their BM25 × IDF weights), shown in a readable form (the word seen most often for a stem, or the
 * tag as the editor typed it), strongest first, a word inside an already shown tag not repeated.
 */

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const contains = (phrase: string, word: string): boolean => phrase !== word && ` ${phrase} `.includes(` ${word} `);

/** Readable, de-duplicated words for term ids in order of strength, at most `count`. */
const readable = (ids: number[], count: number, displayOf: (id: number) => string): string[] => {
  const out: string[] = [];
  for (const id of ids) {
    const word = displayOf(id);
    const key = word.toLowerCase();
    if (!word || out.some((kept) => kept.toLowerCase() === key || contains(kept.toLowerCase(), key))) continue;
    // A phrase (a tag) takes the place of the first shown word it contains, and drops the others.
    const inside = out.map((kept, i) => (contains(key, kept.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
    if (inside.length > 0) {
      out[inside[0]] = word;
      for (const i of inside.slice(1).reverse()) out.splice(i, 1);
    } else out.push(word);
    if (out.length >= count) break;
  }
  return out;
};

/**
 * Prepares the reasons of one article's links: its term weights are computed once, then each
 * linked article costs one pass over its terms. `scratch` must not be in use until the returned
 * function is no longer called.
 */
export const reasonsFrom = (
  a: DocTerms,
  count: number,
  stats: CorpusStats,
  settings: RelatedSettings,
  displayOf: (id: number) => string,
  scratch: DenseScratch = new DenseScratch(),
): ((b: DocTerms) => string[]) => {
  const { k1, b: lengthWeight } = settings.bm25;
  const idf = stats.idfTable(settings.minDocFreq);
  // `CorpusStats.weight`, its IDF factor read from the table.
  const weigh = (id: number, tf: number, lengthNorm: number): number => (id < idf.length ? ((tf * (k1 + 1)) / (tf + lengthNorm)) * idf[id] : 0);
  scratch.clear();
  if (count > 0) {
    const normA = stats.lengthNorm(a.length, k1, lengthWeight);
    let top = 0;
    for (let i = 0; i < a.ids.length; i += 1) if (a.ids[i] > top) top = a.ids[i];
    scratch.ensure(top + 1);
    for (let i = 0; i < a.ids.length; i += 1) {
      const weight = weigh(a.ids[i], a.tf[i] * a.tfScale, normA);
      if (weight > 0) scratch.add(a.ids[i], weight);
    }
  }
  const values = scratch.values;
  return (b: DocTerms): string[] => {
    if (count <= 0) return [];
    const normB = stats.lengthNorm(b.length, k1, lengthWeight);
    const ids: number[] = [];
    const products: number[] = [];
    for (let j = 0; j < b.ids.length; j += 1) {
      const id = b.ids[j];
      const weightA = id < values.length ? values[id] : 0;
      if (weightA === 0) continue;
      const weight = weigh(id, b.tf[j] * b.tfScale, normB);
      if (weight > 0) {
        ids.push(id);
        products.push(weightA * weight);
      }
    }
    // Ties broken by the readable form, not the id, so a restarted index gives the same reasons.
    const order = ids.map((_, i) => i).sort((x, y) => products[y] - products[x] || compare(displayOf(ids[x]), displayOf(ids[y])));
    return readable(
      order.map((i) => ids[i]),
      count,
      displayOf,
    );
  };
};

/** The reasons for one link between documents `a` and `b`. */
export const sharedTerms = (
  a: DocTerms,
  b: DocTerms,
  count: number,
  stats: CorpusStats,
  settings: RelatedSettings,
  displayOf: (id: number) => string,
): string[] => reasonsFrom(a, count, stats, settings, displayOf)(b);
