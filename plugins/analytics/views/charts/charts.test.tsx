import { describe, expect, it } from 'vitest';
import { axisLabel, BarChart, bucketLabel, DataTable, formatNumber, KpiTile, LineChart, linearScale, niceNumber, niceTicks, timeTicks } from '.';

const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const count = (text: string, re: RegExp) => (text.match(re) ?? []).length;

describe('scale maths', () => {
  it('picks nice numbers and nice ticks', () => {
    expect([niceNumber(0.68, true), niceNumber(1.4, true), niceNumber(2.9, true), niceNumber(6.9, true), niceNumber(7.5, true)]).toEqual([0.5, 1, 2, 5, 10]);
    expect([niceNumber(96, false), niceNumber(101, false), niceNumber(0.031, false)]).toEqual([100, 200, 0.05]);
    expect(niceTicks(3, 97)).toEqual({ min: 0, max: 100, step: 20, values: [0, 20, 40, 60, 80, 100] });
    expect(niceTicks(0.11, 0.47).values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(niceTicks(-12, 7).values).toEqual([-15, -10, -5, 0, 5, 10]);
    expect(niceTicks(1200, 1260).values).toEqual([1200, 1220, 1240, 1260]);
  });

  it('widens a flat or non-finite domain, and keeps float noise out of tick values', () => {
    expect(niceTicks(5, 5).values).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(niceTicks(0, 0)).toMatchObject({ min: -1, max: 1 });
    expect(niceTicks(NaN, 3).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.1, 0.3).values).toEqual([0.1, 0.15, 0.2, 0.25, 0.3]);
    // Steps below 1e-100 are past what toFixed can round to.
    expect(niceTicks(1e-150, 3e-150).values.length).toBeGreaterThan(2);
  });

  it('keeps ticks and scales finite up to the largest double', () => {
    const max = Number.MAX_VALUE;
    for (const [lo, hi] of [
      [1, 1.7e308],
      [1.7e308, 1.7e308],
      [-max, max],
      [max, max],
      [-max, -max],
    ] as const) {
      const ticks = niceTicks(lo, hi);
      expect(ticks.values.length, `${lo}..${hi}`).toBeGreaterThan(1);
      expect(ticks.values.every(Number.isFinite), `${lo}..${hi}: ${ticks.values}`).toBe(true);
      expect(ticks.min <= lo && hi <= ticks.max, `${lo}..${hi}: ${ticks.values}`).toBe(true);
    }
    const y = linearScale(-max, max, 200, 0);
    expect([y(-max), y(0), y(max)]).toEqual([200, 100, 0]);
  });

  it('maps linearly (a flat domain to the middle) and formats numbers', () => {
    const y = linearScale(0, 100, 200, 0);
    expect([y(0), y(25), y(100)]).toEqual([200, 150, 0]);
    expect(linearScale(5, 5, 0, 10)(5)).toBe(5);
    expect([formatNumber(950), formatNumber(12.345), formatNumber(12_500), formatNumber(3_400_000), formatNumber(-0.5)]).toEqual(['950', '12.35', '12.5K', '3.4M', '-0.5']);
  });

  it('labels time by bucket and spreads time ticks', () => {
    const t = Date.parse('2026-03-02T14:00:00Z');
    expect(bucketLabel(t, 'hour')).toBe('2026-03-02 14:00 UTC');
    expect(bucketLabel(t, 'week')).toBe('week of 2026-03-02');
    expect(bucketLabel(t, 'month')).toBe('2026-03');
    expect(axisLabel(t, 'minute', false)).toBe('14:00');
    expect(axisLabel(t, 'hour', true)).toBe('03-02 14:00');
    expect(axisLabel(t, 'day', true)).toBe('2026-03-02');
    const ticks = timeTicks(Date.parse('2026-03-01T00:00:00Z'), Date.parse('2026-03-01T23:00:00Z'), 'hour');
    expect(ticks.map((x) => new Date(x).toISOString().slice(11, 13))).toEqual(['00', '05', '10', '15', '20']);
    expect(timeTicks(Date.parse('2026-01-01T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z'), 'month')).toHaveLength(3);
  });
});

const points = [
  { t: '2026-03-01T00:00:00.000Z', value: 10, count: 2 },
  { t: '2026-03-01T01:00:00.000Z', value: 30, count: 1 },
  { t: '2026-03-01T03:00:00.000Z', value: 20, count: 5 },
];

describe('SVG charts', () => {
  it('draws a line chart with axes, tick labels, a path and a tooltip per point', async () => {
    const svg = await html(<LineChart label="avg of cpu per hour" points={points} bucket="hour" />);
    expect(svg).toMatch(/^<svg class="chart chart-line" viewBox="0 0 640 260" width="100%" role="img" aria-label="avg of cpu per hour: 3 points from 2026-03-01 00:00 UTC to 2026-03-01 03:00 UTC"/);
    expect(svg).toContain('<title>avg of cpu per hour: 3 points');
    expect(count(svg, /<circle class="chart-point"/g)).toBe(3);
    expect(svg).toContain('<title>2026-03-01 01:00 UTC: 30 (1 point)</title>');
    expect(svg).toContain('<title>2026-03-01 03:00 UTC: 20 (5 points)</title>');
    expect(svg).toMatch(/<path class="chart-line" d="M[\d.]+ [\d.]+ L[\d.]+ [\d.]+ L[\d.]+ [\d.]+"/);
    for (const tick of ['>10<', '>15<', '>20<', '>25<', '>30<']) expect(svg).toContain(tick);
    for (const hour of ['>00:00<', '>01:00<', '>02:00<', '>03:00<']) expect(svg).toContain(hour);
    // The highest value sits at the top of the plot area, the lowest at the bottom.
    expect(svg).toContain('cy="16" r="3.5" fill="currentColor" data-t="2026-03-01T01:00:00.000Z"');
    expect(svg).toContain('cy="220" r="3.5" fill="currentColor" data-t="2026-03-01T00:00:00.000Z"');
  });

  it('leaves out buckets without a value (a sum beyond the double range), breaking the line', async () => {
    const gap = [points[0]!, { t: '2026-03-01T02:00:00.000Z', value: null, count: 2 }, points[2]!];
    const svg = await html(<LineChart label="sum of cpu per hour" points={gap} bucket="hour" />);
    expect(count(svg, /<circle class="chart-point"/g)).toBe(2);
    expect(svg).toMatch(/<path class="chart-line" d="M[\d.]+ [\d.]+ M[\d.]+ [\d.]+"/);
    expect(svg).toContain('1 without a value');
    expect(svg).not.toContain('NaN');
    const bars = await html(
      <BarChart
        label="sums"
        bars={[
          { label: 'a', value: 3 },
          { label: 'b', value: null },
        ]}
      />,
    );
    expect(count(bars, /<rect class="chart-bar"/g)).toBe(1);
    expect(bars).toContain('<title>b: no value</title>');
    expect(bars).not.toContain('NaN');
  });

  it('escapes text and shows an empty state', async () => {
    const svg = await html(<LineChart label={'<script>alert("x")</script>'} points={[]} bucket="day" />);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('chart-empty');
    expect(svg).toContain('No data in this range');
    const bars = await html(<BarChart label="x" bars={[{ label: '<b>', value: 1 }]} />);
    expect(bars).toContain('&lt;b&gt;');
    expect(bars).not.toContain('<b>');
  });

  it('draws bars from zero, negative ones below it, with tooltips and shortened labels', async () => {
    const svg = await html(
      <BarChart
        label="sales"
        bars={[
          { label: 'north', value: 40 },
          { label: 'a-very-long-region-name', value: -20 },
        ]}
      />,
    );
    expect(svg).toContain('role="img" aria-label="sales: 2 bars"');
    expect(count(svg, /<rect class="chart-bar"/g)).toBe(2);
    expect(svg).toContain('<title>north: 40</title>');
    expect(svg).toContain('<title>a-very-long-region-name: -20</title>');
    expect(svg).toContain('>a-very-long…<');
    const zeroY = Number(/<text x="\d+(?:\.\d+)?" y="([\d.]+)"[^>]*>0<\/text>/.exec(svg)![1]);
    const rects = [...svg.matchAll(/<rect class="chart-bar" x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"/g)].map((m) => ({ y: Number(m[1]), height: Number(m[2]) }));
    expect(rects[0]!.y + rects[0]!.height).toBeCloseTo(zeroY, 0);
    expect(rects[1]!.y).toBeCloseTo(zeroY, 0);
  });

  it('renders a KPI with its delta, and tables of rows', async () => {
    const up = await html(<KpiTile label="Sales" value={1250} previous={1000} />);
    expect(up).toContain('<span class="kpi-value" title="1,250">1,250</span>');
    expect(up).toContain('▲ 25.0% vs previous period');
    expect(await html(<KpiTile label="Sales" value={null} previous={3} />)).toContain('no data');
    expect(await html(<KpiTile label="Sales" value={5} previous={10} />)).toContain('kpi-down');
    const table = await html(
      <DataTable
        label="t"
        columns={['a', 'b']}
        rows={[
          [1, '<i>'],
          [null, { x: 1 }],
        ]}
        truncated
      />,
    );
    expect(table).toContain('<th scope="col">a</th>');
    expect(table).toContain('<td>&lt;i&gt;</td>');
    expect(table).toContain('<td>{&quot;x&quot;:1}</td>');
    expect(table).toContain('(first rows only)');
  });
});
