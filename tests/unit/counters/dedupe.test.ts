import { createViewDedupe, forgetKeysBefore, windowStart } from '../../../server/src/counters/dedupe';
import { visitorHash } from '../../../server/src/counters/visitor';

describe('dedupe windows', () => {
  it('are fixed spans from the epoch, the same for every instance', () => {
    expect(windowStart(0, 60_000)).toBe(0);
    expect(windowStart(59_999, 60_000)).toBe(0);
    expect(windowStart(60_000, 60_000)).toBe(60_000);
    expect(windowStart(1_765_000_123_456, 1_800_000)).toBe(1_764_999_000_000);
  });

  it('keep the stored keys of the current and the previous window', () => {
    expect(forgetKeysBefore(150_000, 60_000)).toBe(60_000);
    expect(forgetKeysBefore(120_000, 60_000)).toBe(60_000);
    expect(forgetKeysBefore(119_999, 60_000)).toBe(0);
  });

  it('keep no key at all with a window of 0', () => {
    expect(forgetKeysBefore(150_000, 0)).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('view dedupe', () => {
  it('admits a visitor once per fixed window', () => {
    const dedupe = createViewDedupe(60_000);
    expect(dedupe.admit('v a', 0)).toBe(true);
    expect(dedupe.admit('v a', 59_999)).toBe(false);
    expect(dedupe.admit('v b', 1)).toBe(true);
    expect(dedupe.admit('v a', 60_000)).toBe(true);
    expect(dedupe.admit('v a', 60_001)).toBe(false);
  });

  it('admits a repeat across a window boundary, however close', () => {
    const dedupe = createViewDedupe(60_000);
    expect(dedupe.admit('v a', 59_999)).toBe(true);
    expect(dedupe.admit('v a', 60_000)).toBe(true);
  });

  it('admits every view with a window of 0', () => {
    const dedupe = createViewDedupe(0);
    expect([dedupe.admit('v a', 0), dedupe.admit('v a', 0)]).toEqual([true, true]);
    expect(dedupe.size()).toBe(0);
  });

  it('forgets the keys of past windows on prune and keeps the current ones', () => {
    const dedupe = createViewDedupe(1000);
    dedupe.admit('old', 0);
    dedupe.admit('new', 1100);
    dedupe.prune(1500);
    expect(dedupe.size()).toBe(1);
    expect(dedupe.admit('new', 1900)).toBe(false);
    expect(dedupe.admit('old', 1900)).toBe(true);
  });
});

describe('visitor hash', () => {
  it('depends on salt, address and user agent, and contains neither', () => {
    const hash = visitorHash('salt-1', '203.0.113.7', 'Firefox');
    expect(hash).toBe(visitorHash('salt-1', '203.0.113.7', 'Firefox'));
    expect(hash).not.toBe(visitorHash('salt-2', '203.0.113.7', 'Firefox'));
    expect(hash).not.toBe(visitorHash('salt-1', '203.0.113.8', 'Firefox'));
    expect(hash).not.toBe(visitorHash('salt-1', '203.0.113.7', 'Chrome'));
    expect(hash).not.toMatch(/203|Firefox/);
  });
});
