/**
 * Turns scored candidates into a related list under the editorial rules:
 * - "hide related" gives an empty list;
 * - pinned articles come first, in the editor's order (if they are listable at all);
 * - excluded articles, the article itself and articles flagged "never list elsewhere" never appear,
 *   nor do candidates the caller marks as not eligible (e.g. not published);
 * - computed links need at least `minScore`, and at most `maxPerSection` of them (pins counted) may
 *   come from one section; with `backfill`, a list the cap left short is topped up with the best
 *   capped candidates;
 * - after the pins come the links of the article's own story (by `headScore`), then the best
 *   others by `headScore` up to `head` links in all, then the rest by score; links outside the
 *   story scoring under `relativeCutoff` × the best computed score are left out;
 * - the list holds at most `limit` links.
 */

export interface Candidate {
  id: string;
  score: number;
  /** Section id, `null` when unknown (no cap applies to unknown sections). */
  section: string | null;
  neverListElsewhere?: boolean;
  /** `false` keeps the candidate out (unpublished, other locale…). Defaults to eligible. */
  eligible?: boolean;
  /** Of the article's own story: listed before the other computed links. */
  sameStory?: boolean;
  /** The score that ranks the head of the list (defaults to `score`). */
  headScore?: number;
}

export interface SelectionRules {
  /** The article whose list this is. */
  self: string;
  limit: number;
  minScore: number;
  /** Computed links under this share of the best computed score are left out (0: none). */
  relativeCutoff?: number;
  /** Computed positions ranked by `headScore` after the story's links (0: none). */
  head?: number;
  /** 0 = no cap. */
  maxPerSection: number;
  backfill: boolean;
  hideRelated?: boolean;
  excluded?: Iterable<string>;
}

export interface Selected extends Candidate {
  pinned: boolean;
}

/** Best score first, equal scores by id (a comparator returning small integers allocates nothing). */
const byScoreThenId = (a: Candidate, b: Candidate): number => (b.score > a.score ? 1 : b.score < a.score ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A candidate as selected: a literal of one shape (a spread of the candidate made objects V8 reads slowly). */
const selected = (candidate: Candidate, pinned: boolean): Selected => ({
  id: candidate.id,
  score: candidate.score,
  section: candidate.section,
  neverListElsewhere: candidate.neverListElsewhere,
  eligible: candidate.eligible,
  sameStory: candidate.sameStory,
  headScore: candidate.headScore,
  pinned,
});

const listable = (candidate: Candidate, self: string, excluded: ReadonlySet<string>): boolean =>
  candidate.id !== self && !excluded.has(candidate.id) && candidate.neverListElsewhere !== true && candidate.eligible !== false;

/**
 * @param candidates computed candidates, any order (sorted here by score, then id).
 * @param pins pinned candidates in the editor's order (pins missing from the index left out).
 */
export const selectRelated = (candidates: readonly Candidate[], pins: readonly Candidate[], rules: SelectionRules): Selected[] => {
  if (rules.hideRelated || rules.limit <= 0) return [];
  const excluded = new Set(rules.excluded ?? []);
  const taken = new Set<string>();
  const perSection = new Map<string, number>();
  const out: Selected[] = [];
  const count = (section: string | null): void => {
    if (section !== null) perSection.set(section, (perSection.get(section) ?? 0) + 1);
  };

  for (const pin of pins) {
    if (out.length >= rules.limit) break;
    if (taken.has(pin.id) || !listable(pin, rules.self, excluded)) continue;
    taken.add(pin.id);
    count(pin.section);
    out.push(selected(pin, true));
  }

  // The story first, then the head by its own score, then the rest by score.
  const room = rules.limit - out.length;
  const open = (candidate: Candidate): boolean => !taken.has(candidate.id) && listable(candidate, rules.self, excluded) && candidate.score >= rules.minScore;
  const best = candidates.reduce((top, candidate) => (open(candidate) ? Math.max(top, candidate.score) : top), 0);
  // The story's links stay whatever their score; the others end where relevance ends.
  const floor = best * (rules.relativeCutoff ?? 0);
  const story: Selected[] = [];
  const head: Selected[] = [];
  const rest: Selected[] = [];
  const capped: Candidate[] = [];
  const size = (): number => story.length + head.length + rest.length;
  const take = (candidate: Candidate, group: Selected[]): void => {
    if (!open(candidate) || (!candidate.sameStory && candidate.score < floor)) return;
    taken.add(candidate.id);
    if (rules.maxPerSection > 0 && candidate.section !== null && (perSection.get(candidate.section) ?? 0) >= rules.maxPerSection) {
      capped.push(candidate);
      return;
    }
    count(candidate.section);
    group.push(selected(candidate, false));
  };
  const headOf = (candidate: Candidate): number => candidate.headScore ?? candidate.score;
  const byHead = (a: Candidate, b: Candidate): number => (headOf(b) > headOf(a) ? 1 : headOf(b) < headOf(a) ? -1 : byScoreThenId(a, b));
  for (const candidate of candidates.filter((entry) => entry.sameStory).sort(byHead)) {
    if (size() >= room) break;
    take(candidate, story);
  }
  for (const candidate of candidates.filter((entry) => !entry.sameStory).sort(byHead)) {
    if (size() >= room || story.length + head.length >= (rules.head ?? 0)) break;
    take(candidate, head);
  }
  for (const candidate of [...candidates].sort(byScoreThenId)) {
    if (size() >= room) break;
    take(candidate, rest);
  }
  if (rules.backfill) {
    for (const candidate of capped) {
      if (size() >= room) break;
      rest.push(selected(candidate, false));
    }
  }
  rest.sort(byScoreThenId);
  return [...out, ...story, ...head, ...rest];
};
