import type { CorpusStats } from './corpus-stats';
import type { DocTerms } from './term-weights';
import type { RelatedSettings } from './settings';
import { DenseScratch } from './vector';

/**
 * The reason for a link: the terms both articles contain that weigh most in both (product of
 * their BM25 × IDF weights), shown in a readable form (the word seen most often for a stem, or the
 * tag as the editor typed it), strongest first, a word inside an already shown tag not repeated.
 */

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

// Only a phrase (a tag of several words) can contain another word: single words skip the search.
const contains = (phrase: string, word: string): boolean => phrase !== word && phrase.includes(' ') && ` ${phrase} `.includes(` ${word} `);

/**
 * Adds the readable form of the next strongest term to `out`, unless it repeats a shown word or
 * lies inside a shown tag.
 */
const addReadable = (out: string[], word: string): void => {
  const key = word.toLowerCase();
  if (!word || out.some((kept) => kept.toLowerCase() === key || contains(kept.toLowerCase(), key))) return;
  // A phrase (a tag) takes the place of the first shown word it contains, and drops the others.
  const inside = out.map((kept, i) => (contains(key, kept.toLowerCase()) ? i : -1)).filter((i) => i >= 0);
  if (inside.length > 0) {
    out[inside[0]] = word;
    for (const i of inside.slice(1).reverse()) out.splice(i, 1);
  } else out.push(word);
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
  let ids = new Uint32Array(256);
  let products = new Float64Array(256);
  return (b: DocTerms): string[] => {
    if (count <= 0) return [];
    if (ids.length < b.ids.length) {
      ids = new Uint32Array(b.ids.length);
      products = new Float64Array(b.ids.length);
    }
    const normB = stats.lengthNorm(b.length, k1, lengthWeight);
    let n = 0;
    for (let j = 0; j < b.ids.length; j += 1) {
      const id = b.ids[j];
      const weightA = id < values.length ? values[id] : 0;
      if (weightA === 0) continue;
      const weight = weigh(id, b.tf[j] * b.tfScale, normB);
      if (weight > 0) {
        ids[n] = id;
        products[n] = weightA * weight;
        n += 1;
      }
    }
    // Strongest first, picked one at a time: a few words are needed out of ~100 shared terms.
    // Ties broken by the readable form, not the id, so a restarted index gives the same reasons.
    const out: string[] = [];
    while (out.length < count && n > 0) {
      let best = 0;
      for (let k = 1; k < n; k += 1) {
        if (products[k] > products[best] || (products[k] === products[best] && compare(displayOf(ids[k]), displayOf(ids[best])) < 0)) best = k;
      }
      const id = ids[best];
      n -= 1;
      ids[best] = ids[n];
      products[best] = products[n];
      addReadable(out, displayOf(id));
    }
    return out;
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
