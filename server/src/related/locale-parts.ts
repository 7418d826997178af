import type { CandidateAccumulator } from './candidate-accumulator';
import type { CorpusStats, TermDictionary } from './corpus-stats';
import type { DisplayForms } from './display-forms';
import type { DocumentStore } from './doc-store';
import type { ProfilePostings } from './profile-postings';
import type { RelatedSettings } from './settings';
import type { DenseScratch } from './vector';

/**
 * What the modules of one locale's index share (`LocaleIndex` owns it). One computation runs at a
 * time: each clears the accumulator and the scratch before use.
 */
export interface LocaleParts {
  readonly settings: RelatedSettings;
  readonly dictionary: TermDictionary;
  readonly stats: CorpusStats;
  readonly docs: DocumentStore;
  readonly displays: DisplayForms;
  readonly postings: ProfilePostings;
  readonly accumulator: CandidateAccumulator;
  /** Holds the vector the computation under way compares others with. */
  readonly scratch: DenseScratch;
  /**
   * Orders equal scores by document id, not by slot: slots depend on the order documents came in,
   * so two indexes of the same documents give the same lists.
   */
  readonly byId: (a: number, b: number) => number;
  /**
   * Each slot's rank in id order, over shared memory (`byId` for another thread): sorted again
   * only once slots changed hands, so a rebuild's two stages share one sort.
   */
  readonly slotRanks: () => Int32Array;
  /** Sorts toward `slotRanks` about `budget` ids' worth; true once they are ready (a pass's step). */
  readonly rankSlots: (budget: number) => boolean;
}
