import { StoryGraph } from '../../../server/src/related/story-graph';

const DAY = 86_400_000;

/** Slots 0–59: six groups of ten, each group's documents joined to each other, a few joined across. */
const build = (): StoryGraph => {
  const graph = new StoryGraph(
    (a, b) => a - b,
    (slot) => slot * DAY,
    1000 * DAY,
    0.25,
  );
  for (let group = 0; group < 6; group += 1) {
    for (let i = 0; i < 10; i += 1) {
      const slot = group * 10 + i;
      const mates: Array<[number, number]> = [];
      for (let j = i + 1; j < 10; j += 1) mates.push([group * 10 + j, 0.3 + ((i + j) % 5) / 10]);
      graph.addMates(slot, mates);
    }
  }
  graph.addMates(9, [[10, 0.35]]);
  graph.addMates(35, [[47, 0.31]]);
  return graph;
};

const alive = (): boolean => true;
const storiesOf = (graph: StoryGraph): number[][] => Array.from({ length: 60 }, (_, slot) => graph.members(slot));

describe('StoryGraph.settleSome', () => {
  const whole = build();
  const wholeChanged = whole.settle(alive);
  const expected = storiesOf(whole);

  it('names, a cluster at a time, the same stories and changes as one settle', () => {
    const stepped = build();
    const changed: number[] = [];
    let steps = 0;
    while (!stepped.settleSome(alive, 1, changed)) steps += 1;
    expect(steps).toBeGreaterThan(1);
    expect(storiesOf(stepped)).toEqual(expected);
    expect([...changed].sort((a, b) => a - b)).toEqual([...wholeChanged].sort((a, b) => a - b));
    expect(expected.some((members) => members.length > 1)).toBe(true);
  });

  it('finishes the naming under way before an edge changes, and hands over its changes', () => {
    const stepped = build();
    const changed: number[] = [];
    expect(stepped.settleSome(alive, 1, changed)).toBe(false);
    stepped.remove(55);
    while (!stepped.settleSome(alive, 1, changed));

    const reference = build();
    const referenceChanged = reference.settle(alive);
    reference.remove(55);
    referenceChanged.push(...reference.settle(alive));
    expect(storiesOf(stepped)).toEqual(storiesOf(reference));
    expect(new Set(changed)).toEqual(new Set(referenceChanged));
  });
});
