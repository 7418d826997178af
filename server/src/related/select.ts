/**
 * Turns scored candidates into a related list under the editorial rules:
 * - "hide related" gives an empty list;
 * - pinned articles come first, in the editor's order (if they are listable at all);
 * - excluded articles, the article itself and articles flagged "never list elsewhere" never appear,
 *   nor do candidates the caller marks as not eligible (e.g. not published);
 * - computed links need at least `minScore`, and at most `maxPerSection` of them (pins counted) may
 *   come from one section; with `backfill`, a list the cap left short is topped up with the best
 *   capped candidates;
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
}

export interface SelectionRules {
  /** The article whose list this is. */
  self: string;
  limit: number;
  minScore: number;
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
    out.push({ ...pin, pinned: true });
  }

  const sorted = [...candidates].sort(byScoreThenId);
  const computed: Selected[] = [];
  const capped: Candidate[] = [];
  const room = rules.limit - out.length;
  for (const candidate of sorted) {
    if (computed.length >= room) break;
    if (candidate.score < rules.minScore) break;
    if (taken.has(candidate.id) || !listable(candidate, rules.self, excluded)) continue;
    taken.add(candidate.id);
    if (rules.maxPerSection > 0 && candidate.section !== null && (perSection.get(candidate.section) ?? 0) >= rules.maxPerSection) {
      capped.push(candidate);
      continue;
    }
    count(candidate.section);
    computed.push({ ...candidate, pinned: false });
  }
  if (rules.backfill) {
    for (const candidate of capped) {
      if (computed.length >= room) break;
      computed.push({ ...candidate, pinned: false });
    }
  }
  computed.sort(byScoreThenId);
  return [...out, ...computed];
};
