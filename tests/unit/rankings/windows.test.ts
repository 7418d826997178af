import { HOUR_MS, hourOf } from '../../../server/src/counters/hours';
import { API_WINDOW, firstHourOf, trendSpans } from '../../../server/src/rankings/windows';

const at = (iso: string): number => Date.parse(iso);

describe('window maths', () => {
  it('speaks 1h..all in the API for the stored enumeration', () => {
    expect(API_WINDOW).toEqual({ 'last-hour': '1h', 'last-24-hours': '24h', 'last-7-days': '7d', 'last-30-days': '30d', 'all-time': 'all' });
  });

  it('takes every hourly bucket that overlaps the window', () => {
    const now = at('2030-05-01T10:15:00Z');
    expect(firstHourOf(now, 1)).toBe(hourOf(at('2030-05-01T09:00:00Z')));
    expect(firstHourOf(now, 24)).toBe(hourOf(at('2030-04-30T10:00:00Z')));
    // A view from 08:59 is out of the last hour; one from 09:00 is in until 11:00.
    expect(hourOf(at('2030-05-01T08:59:00Z'))).toBeLessThan(firstHourOf(now, 1));
    expect(hourOf(at('2030-05-01T09:00:00Z'))).toBeLessThan(firstHourOf(at('2030-05-01T11:00:00Z'), 1));
  });

  it('splits a trending window into a recent part and an earlier baseline', () => {
    const now = at('2030-05-01T10:30:00Z');
    const spans = trendSpans(now, '24h', 0.25);
    expect(spans.recentFrom).toBe(hourOf(now) - 5);
    expect(spans.baselineFrom).toBe(hourOf(now) - 5 - 18);
    expect(spans.recentHours).toBeCloseTo(5.5);
    expect(spans.baselineHours).toBe(18);
  });

  it('gives a one-hour trend a baseline as long as its recent part, and all-time the last 30 days', () => {
    const now = hourOf(at('2030-05-01T10:00:00Z')) * HOUR_MS;
    expect(trendSpans(now, '1h', 0.25)).toMatchObject({ recentFrom: hourOf(now), baselineFrom: hourOf(now) - 1, baselineHours: 1, recentHours: 0 });
    const all = trendSpans(now, 'all', 0.25);
    expect(all.recentHours + (all.recentFrom - all.baselineFrom)).toBe(720 - 1);
  });
});
