import { createHash } from 'crypto';

/**
 * Who is counting, without storing who they are: a hash of the client's address and user agent
 * with the day's random salt. Once the salt is gone, the hash cannot be tied back to anyone.
 */
export const visitorHash = (salt: string, ip: string, userAgent: string): string =>
  createHash('sha256').update(salt).update('\u0000').update(ip).update('\u0000').update(userAgent).digest('base64url').slice(0, 24);
