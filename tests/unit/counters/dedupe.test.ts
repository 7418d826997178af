import { createViewDedupe } from '../../../server/src/counters/dedupe';
import { visitorHash } from '../../../server/src/counters/visitor';

describe('view dedupe', () => {
  it('admits a visitor once per window, then again after it', () => {
    const dedupe = createViewDedupe(60_000);
    expect(dedupe.admit('v a', 0)).toBe(true);
    expect(dedupe.admit('v a', 59_999)).toBe(false);
    expect(dedupe.admit('v b', 1)).toBe(true);
    expect(dedupe.admit('v a', 60_000)).toBe(true);
    expect(dedupe.admit('v a', 60_001)).toBe(false);
  });

  it('admits every view with a window of 0', () => {
    const dedupe = createViewDedupe(0);
    expect([dedupe.admit('v a', 0), dedupe.admit('v a', 0)]).toEqual([true, true]);
    expect(dedupe.size()).toBe(0);
  });

  it('forgets expired visitors on prune and keeps live ones', () => {
    const dedupe = createViewDedupe(1000);
    dedupe.admit('old', 0);
    dedupe.admit('new', 900);
    dedupe.prune(1000);
    expect(dedupe.size()).toBe(1);
    expect(dedupe.admit('new', 1500)).toBe(false);
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
