import { createHash } from 'crypto';
import type { DocumentKey } from '../articles/document-key';

/**
 * Where an indexed article was read from: its published row and that row's `updated_at`. A
 * publish, an import or a restore writes a new row; an update through the Query Engine moves
 * `updated_at`. Comparing stamps finds what changed without reading a single body.
 */
export interface RowStamp {
  rowId: number;
  updatedAt: number;
}

export type StampedKey = DocumentKey & RowStamp;

/**
 * A summary of a set of stamps that moves whenever a row is added, removed or re-created, or
 * its `updated_at` moves forward: one aggregate query on each side says whether the published
 * articles and the index still describe the same rows.
 */
export interface Fingerprint {
  count: number;
  rowIdSum: number;
  latestUpdate: number;
}

export const sameFingerprint = (a: Fingerprint, b: Fingerprint): boolean =>
  a.count === b.count && a.rowIdSum === b.rowIdSum && a.latestUpdate === b.latestUpdate;

export const sameStamp = (a: RowStamp | undefined, b: RowStamp): boolean => a !== undefined && a.rowId === b.rowId && a.updatedAt === b.updatedAt;

/** Milliseconds since the epoch of a database date (a Date, an ISO string or a number); 0 when empty. */
export const toTime = (value: unknown): number => {
  if (value === null || value === undefined || value === '') return 0;
  const time = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as string | number | Date)).getTime();
  return Number.isFinite(time) ? time : 0;
};

/** What the index takes from an article: any change to it changes what is indexed or listed. */
export interface IndexedContent {
  title: string;
  dek: string;
  body: string;
  tags: string[];
  sectionId: string | null;
  sectionName: string;
  publicationTime: number;
  hideRelated: boolean;
  neverListAsRelated: boolean;
  pinned: string[];
  excluded: string[];
  notInStory: string[];
}

/**
 * The version of an article's indexed content: a hash of everything the index takes from it.
 * A job whose article hashes the same as when it was indexed has nothing to recompute, whatever
 * moved the job (a draft save, a tag's other articles, an import of the same text).
 */
export const indexedVersion = (content: IndexedContent): string =>
  createHash('sha1')
    .update(
      JSON.stringify([
        content.title,
        content.dek,
        content.body,
        content.tags,
        content.sectionId,
        content.sectionName,
        content.publicationTime,
        content.hideRelated,
        content.neverListAsRelated,
        content.pinned,
        content.excluded,
        content.notInStory,
      ]),
    )
    .digest('hex');
