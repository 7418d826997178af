import { EdgeRows } from '../../../server/src/related/edge-rows';

describe('EdgeRows', () => {
  it('appends to, cuts from and drops rows independently', () => {
    const rows = new EdgeRows();
    rows.append(3, 10, 0.5);
    rows.append(7, 3, 0.25);
    rows.append(3, 11, 0.75);
    expect([...rows.row(3)]).toEqual([10, 0.5, 11, 0.75]);
    expect([...rows.row(7)]).toEqual([3, 0.25]);
    rows.cut(3, 0, 2);
    expect([...rows.row(3)]).toEqual([11, 0.75]);
    rows.drop(7);
    expect(rows.row(7)).toHaveLength(0);
    expect(rows.row(1000)).toHaveLength(0);
    rows.clear();
    expect(rows.row(3)).toHaveLength(0);
  });

  it('keeps every row whole through growth and compaction (against plain arrays)', () => {
    const rows = new EdgeRows();
    const model = new Map<number, number[]>();
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let step = 0; step < 20_000; step += 1) {
      const slot = Math.floor(random() * 400);
      const row = model.get(slot) ?? [];
      const choice = random();
      if (choice < 0.7) {
        // Weights as the float arena keeps them.
        const pair = [Math.floor(random() * 1000), Math.fround(random())];
        rows.append(slot, ...pair);
        model.set(slot, [...row, ...pair]);
      } else if (choice < 0.95 && row.length > 0) {
        const at = 2 * Math.floor((random() * row.length) / 2);
        rows.cut(slot, at, 2);
        model.set(slot, [...row.slice(0, at), ...row.slice(at + 2)]);
      } else {
        rows.drop(slot);
        model.delete(slot);
      }
    }
    for (let slot = 0; slot < 400; slot += 1) expect([...rows.row(slot)]).toEqual(model.get(slot) ?? []);
    // Compaction keeps the arena within a few times what the rows hold; a trim brings it to them.
    const held = [...model.values()].reduce((sum, row) => sum + row.length, 0);
    const slotBytes = 2 * 4 * 512;
    expect(rows.bytes).toBeLessThan(4 * held * 3 + slotBytes);
    rows.trimIfLoose();
    expect(rows.bytes).toBeLessThanOrEqual(4 * Math.ceil(held * 1.25) + slotBytes + 4 * 1024);
    rows.trim();
    expect(rows.bytes).toBeLessThanOrEqual(4 * Math.ceil(held * 1.05) + slotBytes);
    for (let slot = 0; slot < 400; slot += 1) expect([...rows.row(slot)]).toEqual(model.get(slot) ?? []);
  });
});
