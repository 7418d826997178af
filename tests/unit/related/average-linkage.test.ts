import { averageLinkage } from '../../../server/src/related/average-linkage';

const DAY = 86_400_000;

/** A graph from `[a, b, weight]` triples (stored at both ends, as the story graph keeps them). */
const graph = (pairs: Array<[number, number, number]>) => {
  const rows = new Map<number, number[]>();
  for (const [a, b, weight] of pairs) {
    rows.set(a, [...(rows.get(a) ?? []), b, weight]);
    rows.set(b, [...(rows.get(b) ?? []), a, weight]);
  }
  return (node: number): number[] => rows.get(node) ?? [];
};

const cluster = (nodes: number[], edges: (node: number) => number[], timeOf: (node: number) => number | null = () => null) =>
  averageLinkage({ nodes, edges, timeOf, maxGapMs: 14 * DAY, cohesion: 0.25, earlier: (a, b) => a - b });

describe('average linkage', () => {
  it('keeps two close-knit groups apart when one weak link joins them', () => {
    const edges = graph([
      [1, 2, 0.6],
      [2, 3, 0.5],
      [1, 3, 0.55],
      [4, 5, 0.6],
      [5, 6, 0.5],
      [4, 6, 0.55],
      [3, 4, 0.3],
    ]);
    expect(cluster([1, 2, 3, 4, 5, 6], edges)).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('holds a story running for weeks together through articles published near each other', () => {
    // One article every five days for seven weeks, each close to the next two.
    const nodes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const pairs: Array<[number, number, number]> = [];
    for (const n of nodes) for (const m of [n + 1, n + 2]) if (m < nodes.length) pairs.push([n, m, m === n + 1 ? 0.5 : 0.35]);
    const stories = cluster(nodes, graph(pairs), (node) => node * 5 * DAY);
    expect(stories).toEqual([nodes]);
  });

  it('gives the same stories whatever order the documents come in', () => {
    const edges = graph([
      [1, 2, 0.4],
      [2, 3, 0.4],
      [3, 4, 0.4],
      [4, 5, 0.4],
      [5, 1, 0.4],
      [6, 7, 0.9],
    ]);
    const forward = cluster([1, 2, 3, 4, 5, 6, 7, 8], edges);
    expect(cluster([8, 7, 6, 5, 4, 3, 2, 1], edges)).toEqual(forward);
    expect(forward).toContainEqual([6, 7]);
    expect(forward).toContainEqual([8]);
  });
});
