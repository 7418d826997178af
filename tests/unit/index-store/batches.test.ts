import { chunkedByLength } from '../../../server/src/index-store/batches';

const row = (text: string) => ({ document_id: 'a', text });

describe('insert chunks bounded by rows and by characters', () => {
  it('keeps every row, in order, with at most the row cap per chunk', () => {
    const rows = Array.from({ length: 1201 }, (_, i) => row(String(i)));
    const chunks = chunkedByLength(rows, 500, 1_000_000);
    expect(chunks.map((chunk) => chunk.length)).toEqual([500, 500, 201]);
    expect(chunks.flat()).toEqual(rows);
  });

  it('starts a new chunk before the characters of its values pass the budget, so long texts go fewer at a time', () => {
    const rows = Array.from({ length: 10 }, (_, i) => row(String(i).repeat(300_000)));
    const chunks = chunkedByLength(rows, 500, 1_000_000);
    expect(chunks.map((chunk) => chunk.length)).toEqual([3, 3, 3, 1]);
    for (const chunk of chunks) expect(chunk.reduce((sum, entry) => sum + entry.text.length, 0)).toBeLessThanOrEqual(1_000_000);
  });

  it('puts a row longer than the budget in a chunk of its own', () => {
    const chunks = chunkedByLength([row('x'), row('y'.repeat(2_000_000)), row('z')], 500, 1_000_000);
    expect(chunks.map((chunk) => chunk.map((entry) => entry.text[0]))).toEqual([['x'], ['y'], ['z']]);
  });
});
