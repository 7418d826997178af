import { createHash } from 'crypto';
import { resized } from '../../related';

/** The editorial rules of an article's own list, kept in memory beside the engine. */
export interface ListRules {
  readonly hideRelated: boolean;
  readonly pinned: readonly string[];
  readonly excluded: readonly string[];
  readonly notInStory: readonly string[];
}

/** Most articles have no rule: they share one object. */
export const NO_RULES: ListRules = Object.freeze({ hideRelated: false, pinned: [], excluded: [], notInStory: [] });

// A row's flags.
const RULES_READ = 1;
const HAS_VERSION = 2;
const HAS_ENTRY_SCORE = 4;

const HEX_HASH = /^[0-9a-f]{16}/;

/** 64 bits of a version, as two words: its own first ones when it is a hex hash (as the indexer's are), else its hash's. */
const versionWords = (version: string): [number, number] => {
  const bits = HEX_HASH.test(version) ? version : createHash('sha1').update(version).digest('hex');
  return [Number.parseInt(bits.slice(0, 8), 16), Number.parseInt(bits.slice(8, 16), 16)];
};

/**
 * What the indexer keeps of each indexed article beside the engine, keyed by its encoded key:
 * whether its rules were read (and which, when it has any), the published version it was analysed
 * from, and the lowest score of its stored list. One map to a row and a few columns: a map per
 * field, with a 40-character string and a boxed number per article, cost about 180 bytes per
 * article at a million articles.
 */
export class ArticleStates {
  private readonly rows = new Map<string, number>();
  private readonly freeRows: number[] = [];
  private readonly customRules = new Map<number, ListRules>();
  private flags = new Uint8Array(256);
  // Two 32-bit words per row: a hash's first 64 bits tell two versions apart as well as all 160.
  private versions = new Uint32Array(512);
  private entryScores = new Float64Array(256);

  private rowOf(key: string): number {
    const known = this.rows.get(key);
    if (known !== undefined) return known;
    const row = this.freeRows.length > 0 ? (this.freeRows.pop() as number) : this.rows.size;
    if (row >= this.flags.length) this.grow(row + 1);
    this.rows.set(key, row);
    return row;
  }

  private grow(needed: number): void {
    const size = Math.max(needed, this.flags.length * 2);
    this.flags = resized(this.flags, size);
    this.versions = resized(this.versions, size * 2);
    this.entryScores = resized(this.entryScores, size);
  }

  private flagged(key: string, flag: number): number | undefined {
    const row = this.rows.get(key);
    return row !== undefined && (this.flags[row] & flag) !== 0 ? row : undefined;
  }

  /** Whether the article's rules were read: only such an article gets a list computed. */
  hasRules(key: string): boolean {
    return this.flagged(key, RULES_READ) !== undefined;
  }

  rulesOf(key: string): ListRules | undefined {
    const row = this.flagged(key, RULES_READ);
    return row === undefined ? undefined : (this.customRules.get(row) ?? NO_RULES);
  }

  setRules(key: string, rules: ListRules): void {
    const row = this.rowOf(key);
    this.flags[row] |= RULES_READ;
    if (rules === NO_RULES) this.customRules.delete(row);
    else this.customRules.set(row, rules);
  }

  /** Keys whose rules were read, in no particular order. */
  *keysWithRules(): IterableIterator<string> {
    for (const [key, row] of this.rows) if ((this.flags[row] & RULES_READ) !== 0) yield key;
  }

  hasVersion(key: string): boolean {
    return this.flagged(key, HAS_VERSION) !== undefined;
  }

  /** Whether the article was analysed from this version. */
  isVersion(key: string, version: string): boolean {
    const row = this.flagged(key, HAS_VERSION);
    if (row === undefined) return false;
    const [high, low] = versionWords(version);
    return this.versions[2 * row] === high && this.versions[2 * row + 1] === low;
  }

  /** Records the version the article was analysed from. */
  setVersion(key: string, version: string): void {
    const row = this.rowOf(key);
    this.flags[row] |= HAS_VERSION;
    this.versions.set(versionWords(version), 2 * row);
  }

  /** The score a save must reach to enter the article's stored list; undefined until it was computed. */
  entryScore(key: string): number | undefined {
    const row = this.flagged(key, HAS_ENTRY_SCORE);
    return row === undefined ? undefined : this.entryScores[row];
  }

  setEntryScore(key: string, score: number): void {
    const row = this.rowOf(key);
    this.flags[row] |= HAS_ENTRY_SCORE;
    this.entryScores[row] = score;
  }

  delete(key: string): void {
    const row = this.rows.get(key);
    if (row === undefined) return;
    this.rows.delete(key);
    this.customRules.delete(row);
    this.flags[row] = 0;
    this.freeRows.push(row);
  }
}
