import { describe, expect, it } from 'vitest';
import { bucketStart, bucketStarts, countBuckets, MAX_BUCKETS, nextBucket, resolveRange } from './buckets';

const t = (iso: string) => Date.parse(iso);
const range = (from: string, to: string) => ({ from: new Date(from), to: new Date(to) });

describe('bucket maths (UTC, weeks on Monday)', () => {
  it('truncates like date_trunc', () => {
    expect(new Date(bucketStart(t('2026-03-01T10:42:17.5Z'), 'minute')).toISOString()).toBe('2026-03-01T10:42:00.000Z');
    expect(new Date(bucketStart(t('2026-03-01T10:42:17Z'), 'hour')).toISOString()).toBe('2026-03-01T10:00:00.000Z');
    expect(new Date(bucketStart(t('2026-03-01T23:59:59.999Z'), 'day')).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    // 2026-03-01 is a Sunday: its ISO week began on Monday 2026-02-23.
    expect(new Date(bucketStart(t('2026-03-01T23:59:59Z'), 'week')).toISOString()).toBe('2026-02-23T00:00:00.000Z');
    expect(new Date(bucketStart(t('2026-03-02T00:00:00Z'), 'week')).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(bucketStart(t('1969-12-31T12:00:00Z'), 'week')).toISOString()).toBe('1969-12-29T00:00:00.000Z');
    expect(new Date(bucketStart(t('2024-02-29T12:00:00Z'), 'month')).toISOString()).toBe('2024-02-01T00:00:00.000Z');
    expect(new Date(nextBucket(t('2024-12-01T00:00:00Z'), 'month')).toISOString()).toBe('2025-01-01T00:00:00.000Z');
    // Years 0-99 are not 1900-1999 (Date.UTC's reading).
    expect(new Date(bucketStart(t('0050-03-15T00:00:00Z'), 'month')).toISOString()).toBe('0050-03-01T00:00:00.000Z');
    expect(new Date(nextBucket(t('0099-12-01T00:00:00Z'), 'month')).toISOString()).toBe('0100-01-01T00:00:00.000Z');
    expect(countBuckets(range('0050-01-01T00:00:00Z', '0051-01-01T00:00:00Z'), 'month')).toBe(12);
  });

  it('counts the buckets a half-open range touches', () => {
    expect(countBuckets(range('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'), 'hour')).toBe(24);
    expect(countBuckets(range('2026-03-01T00:30:00Z', '2026-03-01T01:00:00.001Z'), 'hour')).toBe(2);
    expect(countBuckets(range('2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z'), 'day')).toBe(0);
    expect(countBuckets(range('2025-11-15T00:00:00Z', '2026-03-01T00:00:00Z'), 'month')).toBe(4);
    expect(countBuckets(range('2026-03-01T00:00:00Z', '2026-03-10T00:00:00Z'), 'week')).toBe(3);
    expect(bucketStarts(range('2026-01-31T00:00:00Z', '2026-03-01T00:00:00Z'), 'month').map((s) => new Date(s).toISOString().slice(0, 7))).toEqual(['2026-01', '2026-02']);
  });

  it('resolves ranges: defaults, empty ranges and too many buckets are 400', () => {
    const now = new Date('2026-03-01T12:00:00Z');
    expect(resolveRange({}, 'hour', now)).toEqual(range('2026-02-28T12:00:00Z', '2026-03-01T12:00:00Z'));
    expect(resolveRange({ last: '7d' }, 'day', now)).toEqual(range('2026-02-22T12:00:00Z', '2026-03-01T12:00:00Z'));
    expect(resolveRange({ to: new Date('2026-01-02T00:00:00Z') }, 'hour', now)).toEqual(range('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z'));
    expect(resolveRange({ from: new Date('2026-03-01T11:00:00Z') }, 'minute', now)).toEqual(range('2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z'));
    expect(() => resolveRange({ from: now, to: now }, 'hour', now)).toThrow(expect.objectContaining({ code: 'ANALYTICS_INVALID_RANGE' }));
    const minutes = { from: new Date('2026-01-01T00:00:00Z'), to: new Date(Date.parse('2026-01-01T00:00:00Z') + MAX_BUCKETS * 60_000) };
    expect(resolveRange(minutes, 'minute', now)).toEqual(minutes);
    const tooMany = { ...minutes, to: new Date(minutes.to.getTime() + 1) };
    expect(() => resolveRange(tooMany, 'minute', now)).toThrow(expect.objectContaining({ code: 'ANALYTICS_TOO_MANY_BUCKETS' }));
  });
});
