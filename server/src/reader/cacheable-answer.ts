import { createHash } from 'crypto';

/** The header that names an answer's cache keys for caches in front (see `edge/cache-keys.ts`). */
export interface KeysHeader {
  name: string;
  value: string;
}

/** A read endpoint's answer, serialized once: the cache keeps it as is and the ETag is its hash. */
export interface CacheableAnswer {
  json: string;
  etag: string;
  keys: KeysHeader | null;
}

export const cacheableAnswer = (payload: unknown, keys: KeysHeader | null = null): CacheableAnswer => {
  const json = JSON.stringify(payload);
  return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"`, keys };
};
