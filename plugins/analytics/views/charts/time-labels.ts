import { type Bucket, bucketStart, nextBucket } from '../../services/buckets';

const iso = (t: number) => new Date(t).toISOString();

/** A bucket start as a full label, for tooltips: "2026-03-02 14:00 UTC", "week of 2026-03-02", "2026-03". */
export function bucketLabel(t: number, bucket: Bucket): string {
  const s = iso(t);
  if (bucket === 'minute' || bucket === 'hour') return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
  if (bucket === 'day') return s.slice(0, 10);
  if (bucket === 'week') return `week of ${s.slice(0, 10)}`;
  return s.slice(0, 7);
}

/** A short axis label; times show their date too when the axis spans more than one day. */
export function axisLabel(t: number, bucket: Bucket, multiDay: boolean): string {
  const s = iso(t);
  if (bucket === 'minute' || bucket === 'hour') return multiDay ? `${s.slice(5, 10)} ${s.slice(11, 16)}` : s.slice(11, 16);
  if (bucket === 'month') return s.slice(0, 7);
  return s.slice(0, 10);
}

/** About `count` bucket starts evenly spread over [first, last] (both included when they fit). */
export function timeTicks(first: number, last: number, bucket: Bucket, count = 6): number[] {
  const starts: number[] = [];
  for (let t = bucketStart(first, bucket); t <= last; t = nextBucket(t, bucket)) starts.push(t);
  if (starts.length <= count) return starts;
  const stride = Math.ceil((starts.length - 1) / (count - 1));
  return starts.filter((_, i) => i % stride === 0);
}
