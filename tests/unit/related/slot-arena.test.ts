import { SlotArena } from '../../../server/src/related/slot-arena';
import { isShared, takeReleasedSharedBytes } from '../../../server/src/related/typed-arrays';

const run = (slot: number, length: number): { ids: number[]; values: number[] } => ({
  ids: Array.from({ length }, (_, i) => slot * 1000 + i),
  values: Array.from({ length }, (_, i) => (slot + i) % 65536),
});

const filled = (slots: number, length: number, keepShared = false): SlotArena<Uint16Array> => {
  const arena = new SlotArena((size) => new Uint16Array(size), keepShared);
  for (let slot = 0; slot < slots; slot += 1) arena.write(slot, run(slot, length).ids, run(slot, length).values);
  return arena;
};

describe('SlotArena', () => {
  it('reserves room for a bulk write once: the writes then never grow it, and no run is lost', () => {
    const arena = filled(300, 20);
    for (let slot = 0; slot < 300; slot += 2) arena.free(slot);
    arena.reserve(500 * 30);
    const reserved = arena.allIds;
    for (let slot = 300; slot < 800; slot += 1) arena.write(slot, run(slot, 30).ids, run(slot, 30).values);
    expect(arena.allIds).toBe(reserved);
    // Filled to the reservation, trimmed, it keeps room for the saves that follow.
    arena.compact(true);
    const trimmed = arena.allIds;
    for (let slot = 0; slot < 20; slot += 1) arena.write(800 + slot, run(slot, 30).ids, run(slot, 30).values);
    expect(arena.allIds).toBe(trimmed);
    for (let slot = 0; slot < 800; slot += 1) {
      const expected = slot < 300 ? (slot % 2 === 0 ? { ids: [], values: [] } : run(slot, 20)) : run(slot, 30);
      expect([...arena.ids(slot)]).toEqual(expected.ids);
      expect([...arena.values(slot)]).toEqual(expected.values);
    }
  });

  it('without a reservation, grows by half in copies as the same writes come', () => {
    const arena = filled(300, 20);
    const before = arena.allIds;
    for (let slot = 300; slot < 800; slot += 1) arena.write(slot, run(slot, 30).ids, run(slot, 30).values);
    expect(arena.allIds).not.toBe(before);
  });

  it('counts an ordinary arena moved to shared memory as let go, for the next collection', () => {
    const arena = filled(100, 50);
    takeReleasedSharedBytes();
    const { allIds, allValues } = arena;
    arena.compact(false, true);
    expect(takeReleasedSharedBytes()).toBe(allIds.byteLength + allValues.byteLength);
    expect([...arena.ids(7)]).toEqual(run(7, 50).ids);
  });

  it('stays over shared memory as it grows when made to (else it leaves it)', () => {
    for (const keepShared of [true, false]) {
      const arena = filled(100, 50, keepShared);
      arena.compact(true, true);
      expect(isShared(arena.allIds)).toBe(true);
      takeReleasedSharedBytes();
      const before = arena.allIds;
      for (let slot = 100; slot < 300; slot += 1) arena.write(slot, run(slot, 50).ids, run(slot, 50).values);
      expect(arena.allIds).not.toBe(before);
      expect(isShared(arena.allIds)).toBe(keepShared);
      expect(isShared(arena.allValues)).toBe(keepShared);
      // The shared arena it left is let go either way.
      expect(takeReleasedSharedBytes()).toBeGreaterThanOrEqual(before.byteLength);
      expect([...arena.values(250)]).toEqual(run(250, 50).values);
    }
  });

  it('reserves over shared memory when asked: filled to the reservation, a trim to shared memory moves nothing', () => {
    const arena = filled(100, 50);
    for (let slot = 0; slot < 100; slot += 1) arena.free(slot);
    arena.reserve(200 * 50, true);
    const reserved = arena.allIds;
    expect(isShared(reserved)).toBe(true);
    for (let slot = 0; slot < 200; slot += 1) arena.write(slot, run(slot, 50).ids, run(slot, 50).values);
    arena.compact(true, true);
    expect(arena.allIds).toBe(reserved);
    expect([...arena.ids(150)]).toEqual(run(150, 50).ids);
  });
});
