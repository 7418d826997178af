/** An article in one locale: what the plugin queues, indexes, lists, counts and purges by. */
export interface DocumentKey {
  documentId: string;
  locale: string;
}

/**
 * The key as one string, for maps and sets (and as the engine's document id). A NUL separates the
 * parts: no document id or locale code holds one. Never stored: PostgreSQL text refuses a NUL.
 */
export const encodeKey = ({ documentId, locale }: DocumentKey): string => `${documentId}\u0000${locale}`;

export const decodeKey = (key: string): DocumentKey => {
  const [documentId, locale] = key.split('\u0000');
  return { documentId, locale };
};
