import { createHash } from 'crypto';

/** A read endpoint's answer, serialized once: the cache keeps it as is and the ETag is its hash. */
export interface CacheableAnswer {
  json: string;
  etag: string;
}

export const cacheableAnswer = (payload: unknown): CacheableAnswer => {
  const json = JSON.stringify(payload);
  return { json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
};
