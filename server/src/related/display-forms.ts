import { SlotArena } from './slot-arena';
import { resized } from './typed-arrays';

/**
 * The readable form shown for each term in reasons (the stem `elect` shows as "election"): the
 * form most indexed documents use, equal counts in code-point order. Counts are exact and follow
 * removals, so what is shown depends only on the documents indexed now, never on the order they
 * came and went in: every instance and every rebuild show the same words.
 */

/** Forms kept per term; rarer spellings beyond them are not counted. */
const MAX_FORMS = 255;
const UNTRACKED = 255;

interface TermForms {
  surfaces: string[];
  counts: number[];
  best: number;
}

/**
 * Most terms are only ever written one way: their form and its count sit in two flat arrays by
 * term id, and only terms written several ways get a `TermForms` (an object and two arrays per
 * term would cost more than the documents' own data at a million articles).
 */
export class DisplayForms {
  private first: (string | undefined)[] = [];
  private firstCounts = new Int32Array(1024);
  private several = new Map<number, TermForms>();
  /**
   * Per document slot: its terms whose form is not the term's first, and that form. In one arena,
   * not an array per document: most documents have some, and a small array costs more than its data.
   */
  private readonly others = new SlotArena((size) => new Uint16Array(size));

  private static pickBest(forms: TermForms): void {
    let best = 0;
    for (let i = 1; i < forms.counts.length; i += 1) {
      const count = forms.counts[i];
      if (count > forms.counts[best] || (count === forms.counts[best] && forms.surfaces[i] < forms.surfaces[best])) best = i;
    }
    forms.best = best;
  }

  private ensure(id: number): void {
    if (id < this.firstCounts.length) return;
    this.firstCounts = resized(this.firstCounts, Math.max(id + 1, Math.ceil(this.firstCounts.length * 1.5)));
  }

  /** The form number of `surface` for a term, counted once more (`UNTRACKED` past `MAX_FORMS`). */
  private count(id: number, surface: string): number {
    this.ensure(id);
    const first = this.first[id];
    if (first === undefined) {
      // Kept dense: assigning far past the end would turn the array into a slow dictionary.
      while (this.first.length < id) this.first.push(undefined);
      this.first[id] = surface;
      this.firstCounts[id] = 1;
      return 0;
    }
    let forms = this.several.get(id);
    if (!forms) {
      if (surface === first) {
        this.firstCounts[id] += 1;
        return 0;
      }
      forms = { surfaces: [first], counts: [this.firstCounts[id]], best: 0 };
      this.several.set(id, forms);
    }
    let form = forms.surfaces.indexOf(surface);
    if (form < 0 && forms.surfaces.length < MAX_FORMS) {
      form = forms.surfaces.length;
      forms.surfaces.push(surface);
      forms.counts.push(0);
    }
    if (form < 0) return UNTRACKED;
    forms.counts[form] += 1;
    DisplayForms.pickBest(forms);
    return form;
  }

  /** Counts a document's forms: `surfaces[i]` is how it wrote term `ids[i]`. */
  add(slot: number, ids: ArrayLike<number>, surfaces: readonly string[]): void {
    const otherIds: number[] = [];
    const otherForms: number[] = [];
    for (let i = 0; i < ids.length; i += 1) {
      const form = this.count(ids[i], surfaces[i] ?? '');
      if (form !== 0) {
        otherIds.push(ids[i]);
        otherForms.push(form);
      }
    }
    if (otherIds.length > 0) this.others.write(slot, otherIds, otherForms);
  }

  /** Uncounts the document `add(slot, ids, …)` counted (the same ids must be given). */
  remove(slot: number, ids: ArrayLike<number>): void {
    const others = new Map<number, number>();
    if (this.others.count(slot) > 0) {
      const otherIds = this.others.ids(slot);
      const otherForms = this.others.values(slot);
      for (let i = 0; i < otherIds.length; i += 1) others.set(otherIds[i], otherForms[i]);
      this.others.free(slot);
    }
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i];
      const form = others.get(id) ?? 0;
      const forms = this.several.get(id);
      if (form === UNTRACKED) continue;
      if (forms) {
        if (forms.counts[form] === undefined) continue;
        forms.counts[form] = Math.max(0, forms.counts[form] - 1);
        DisplayForms.pickBest(forms);
      } else if (form === 0 && this.first[id] !== undefined) this.firstCounts[id] = Math.max(0, this.firstCounts[id] - 1);
    }
  }

  /** The form to show for a term, if any document gave one. */
  display(id: number): string | undefined {
    const forms = this.several.get(id);
    return forms ? forms.surfaces[forms.best] : this.first[id];
  }

  /** Every form documents gave for a term ('' for the term itself), most common or not. */
  formsOf(id: number): readonly string[] {
    const forms = this.several.get(id);
    if (forms) return forms.surfaces;
    const first = this.first[id];
    return first === undefined ? [] : [first];
  }

  /** Follows a term renumbering (`map`: old id → new id, or -1 for a term no document holds). */
  remap(map: Int32Array): void {
    const first: (string | undefined)[] = [];
    const firstCounts = new Int32Array(Math.max(1024, this.firstCounts.length));
    const several = new Map<number, TermForms>();
    this.first.forEach((surface, old) => {
      const id = old < map.length ? map[old] : -1;
      if (surface === undefined || id < 0) return;
      while (first.length < id) first.push(undefined);
      first[id] = surface;
      firstCounts[id] = this.firstCounts[old];
      const forms = this.several.get(old);
      if (forms) several.set(id, forms);
    });
    this.first = first;
    this.firstCounts = firstCounts;
    this.several = several;
    this.others.remapAll(map);
  }

  /** Bytes held by the per-document arena and the per-term counts. */
  get bytes(): number {
    return this.others.bytes + this.firstCounts.byteLength;
  }
}
