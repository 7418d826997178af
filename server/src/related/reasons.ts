import type { CorpusStats } from './corpus-stats';
import type { DocTerms } from './profile';
import type { RelatedSettings } from './settings';

/**
 * The reason for a link: the terms both articles contain that weigh most in both (product of
 * their BM25 × IDF weights), shown in a readable form (the word seen most often for a stem, or the
 * tag as the editor typed it), strongest first.
 *
 * @param a, b the two documents' terms, ids ascending.
 * @param displayOf readable form of a term id.
 */
export const sharedTerms = (
  a: DocTerms,
  b: DocTerms,
  count: number,
  stats: CorpusStats,
  settings: RelatedSettings,
  displayOf: (id: number) => string,
): string[] => {
  if (count <= 0) return [];
  const shared: { id: number; weight: number }[] = [];
  const { k1, b: lengthWeight } = settings.bm25;
  const normA = stats.lengthNorm(a.length, k1, lengthWeight);
  const normB = stats.lengthNorm(b.length, k1, lengthWeight);
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x < y) i += 1;
    else if (y < x) j += 1;
    else {
      const weight =
        stats.weight(x, a.tf[i] * a.tfScale, normA, k1, settings.minDocFreq) * stats.weight(y, b.tf[j] * b.tfScale, normB, k1, settings.minDocFreq);
      if (weight > 0) shared.push({ id: x, weight });
      i += 1;
      j += 1;
    }
  }
  shared.sort((p, q) => q.weight - p.weight || p.id - q.id);
  // Readable forms, without repeats: a word inside a chosen phrase (a tag) is not shown again.
  const out: string[] = [];
  const contains = (phrase: string, word: string): boolean => phrase !== word && ` ${phrase} `.includes(` ${word} `);
  for (const { id } of shared) {
    const word = displayOf(id);
    const key = word.toLowerCase();
    if (!word || out.some((kept) => kept.toLowerCase() === key || contains(kept.toLowerCase(), key))) continue;
    for (let i = out.length - 1; i >= 0; i -= 1) if (contains(key, out[i].toLowerCase())) out.splice(i, 1);
    out.push(word);
    if (out.length >= count) break;
  }
  return out;
};
