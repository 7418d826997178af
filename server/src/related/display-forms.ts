import { SlotArena } from './slot-arena';

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

export class DisplayForms {
  private forms: (TermForms | undefined)[] = [];
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

  /** Counts a document's forms: `surfaces[i]` is how it wrote term `ids[i]`. */
  add(slot: number, ids: ArrayLike<number>, surfaces: readonly string[]): void {
    const otherIds: number[] = [];
    const otherForms: number[] = [];
    for (let i = 0; i < ids.length; i += 1) {
      const id = ids[i];
      const surface = surfaces[i] ?? '';
      let forms = this.forms[id];
      if (!forms) {
        forms = { surfaces: [surface], counts: [0], best: 0 };
        this.forms[id] = forms;
      }
      let form = forms.surfaces.indexOf(surface);
      if (form < 0 && forms.surfaces.length < MAX_FORMS) {
        form = forms.surfaces.length;
        forms.surfaces.push(surface);
        forms.counts.push(0);
      }
      if (form < 0) form = UNTRACKED;
      else {
        forms.counts[form] += 1;
        DisplayForms.pickBest(forms);
      }
      if (form !== 0) {
        otherIds.push(id);
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
      const forms = this.forms[ids[i]];
      const form = others.get(ids[i]) ?? 0;
      if (!forms || form === UNTRACKED || forms.counts[form] === undefined) continue;
      forms.counts[form] = Math.max(0, forms.counts[form] - 1);
      DisplayForms.pickBest(forms);
    }
  }

  /** The form to show for a term, if any document gave one. */
  display(id: number): string | undefined {
    const forms = this.forms[id];
    return forms ? forms.surfaces[forms.best] : undefined;
  }

  /** Every form documents gave for a term ('' for the term itself), most common or not. */
  formsOf(id: number): readonly string[] {
    return this.forms[id]?.surfaces ?? [];
  }

  /** Follows a term renumbering (`map`: old id → new id, or -1 for a term no document holds). */
  remap(map: Int32Array): void {
    const forms: (TermForms | undefined)[] = [];
    this.forms.forEach((entry, old) => {
      if (entry && old < map.length && map[old] >= 0) forms[map[old]] = entry;
    });
    this.forms = forms;
    this.others.remapAll(map);
  }

  /** Bytes held by the per-document arena. */
  get bytes(): number {
    return this.others.bytes;
  }
}
