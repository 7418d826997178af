/** An article in one locale: what the plugin queues, indexes, lists, counts and purges by. */
export interface DocumentKey {
  documentId: string;
  locale: string;
}

/**
 * The key as one string, for maps and sets (and as the engine's document id). A NUL separates the
 * parts: no document id or locale code holds one. Never stored: PostgreSQL text refuses a NUL.
 * Joined, not concatenated: V8 keeps a concatenation as a pair of strings (the document id the
 * database read held alive beside it), 72 bytes per key instead of 48 in the index's maps.
 */
export const encodeKey = ({ documentId, locale }: DocumentKey): string => [documentId, locale].join('\u0000');

export const decodeKey = (key: string): DocumentKey => {
  const [documentId, locale] = key.split('\u0000');
  return { documentId, locale };
};
