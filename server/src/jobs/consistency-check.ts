import { sameFingerprint, type Fingerprint } from '../index-store/stamps';
import type { DocumentKey } from '../articles/document-key';
import type { TickTask } from './worker';

/** What the check reads and what it may start. */
export interface ConsistencyProbe {
  /** The locales the site has now. */
  siteLocales(): Promise<string[]>;
  /** The locales the index holds articles of. */
  indexedLocales(): string[];
  /** Forgets every article of locales the site no longer has. */
  purgeLocales(locales: string[]): Promise<unknown>;
  /** True while a rebuild or refresh is running: it rewrites the index anyway. */
  rebuilding(): Promise<boolean>;
  fingerprints(): Promise<{ published: Fingerprint; indexed: Fingerprint }>;
  /** Whether jobs wait or run (failed ones left out): they close the gap themselves. */
  openJobs(): Promise<boolean>;
  /** Articles whose stored profile does not come from their current published row. */
  reconcile(): Promise<DocumentKey[]>;
  /** Queues them again, or starts a rebuild when there are too many. */
  requeue(keys: DocumentKey[]): Promise<void>;
}

/**
 * A worker task that notices what changed without passing through Strapi's hooks: an import or
 * a transfer (written with the hooks switched off), rows written with raw SQL, a locale deleted
 * on another instance. Every `intervalMs`, or at once when `request`ed, it compares the locales
 * and two one-row aggregates; only when they disagree and no job explains it does it compare
 * row stamps, and it does that once per new state of the published rows.
 */
export const createConsistencyCheck = (probe: ConsistencyProbe, intervalMs: number, now: () => number = Date.now) => {
  let lastRun = Number.NEGATIVE_INFINITY;
  let requested = false;
  let reconciledFor: Fingerprint | undefined;

  const step: TickTask = async () => {
    if (intervalMs <= 0 && !requested) return false;
    if (!requested && now() - lastRun < intervalMs) return false;
    requested = false;
    lastRun = now();

    const site = new Set(await probe.siteLocales());
    const gone = probe.indexedLocales().filter((locale) => !site.has(locale));
    if (gone.length > 0) await probe.purgeLocales(gone);

    if (await probe.rebuilding()) return false;
    const { published, indexed } = await probe.fingerprints();
    if (sameFingerprint(published, indexed)) {
      reconciledFor = undefined;
      return false;
    }
    // Read after the fingerprints: a save that committed before them has its job row by now.
    if (await probe.openJobs()) return false;
    // A state already reconciled (its leftovers are failed jobs): nothing new to look at.
    if (reconciledFor && sameFingerprint(reconciledFor, published)) return false;
    reconciledFor = published;
    const stale = await probe.reconcile();
    if (stale.length === 0) return false;
    await probe.requeue(stale);
    return true;
  };

  return {
    step,
    /** Runs the check at the worker's next pass, whatever the interval. */
    request(): void {
      requested = true;
    },
  };
};

export type ConsistencyCheck = ReturnType<typeof createConsistencyCheck>;
