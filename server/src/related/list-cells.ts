import { newArray, releaseShared } from './typed-arrays';

const CELLS_PER_CHUNK = 4096;

/**
 * Cells of `size` 32-bit numbers in shared chunks, for short lists: a typed array of its own
 * costs a list about 150 bytes of heap, more than a short list's numbers, and most of an index's
 * lists are short (news vocabularies are mostly rare words). A cell freed is taken again first.
 */
export class ListCells {
  private readonly chunks: Uint32Array[] = [];
  private readonly free: number[] = [];
  private taken = 0;

  constructor(
    readonly size: number,
    private readonly shared = false,
  ) {}

  /** A free cell's number. */
  take(): number {
    const freed = this.free.pop();
    if (freed !== undefined) return freed;
    if (this.taken === this.chunks.length * CELLS_PER_CHUNK) this.chunks.push(newArray(Uint32Array, this.size * CELLS_PER_CHUNK, this.shared));
    this.taken += 1;
    return this.taken - 1;
  }

  give(cell: number): void {
    this.free.push(cell);
  }

  /** The array that holds the cell. */
  chunkOf(cell: number): Uint32Array {
    return this.chunks[Math.floor(cell / CELLS_PER_CHUNK)];
  }

  /** Where the cell starts in its chunk. */
  baseOf(cell: number): number {
    return (cell % CELLS_PER_CHUNK) * this.size;
  }

  /** Notes the chunks let go, when shared (the index is being dropped). */
  release(): void {
    for (const chunk of this.chunks) releaseShared(chunk);
  }

  get bytes(): number {
    return this.chunks.length * this.size * CELLS_PER_CHUNK * 4;
  }
}
