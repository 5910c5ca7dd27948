import { describe, expect, it } from 'vitest';
// The analytics plugin's charts, as its service hands them to the dashboards (a unit test boots no app).
import { analyticsCharts } from '../../analytics/views/analytics-charts';
import type { Panel } from '../services/panel-schema';
import { PanelChart } from './panel-body';

const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString());
const kpi = { id: crypto.randomUUID(), type: 'kpi', title: 'Visits', query: { sql: 'select 1' }, position: { x: 0, y: 0, w: 3, h: 2 } } as Panel;
const tile = (value: number) => html(<PanelChart panel={kpi} charts={analyticsCharts} data={{ kind: 'value', value, text: null, previous: null, from: null, to: null }} />);

describe('KPI panels', () => {
  it('show exact numbers with thousands separators below a million, compact ones above', async () => {
    expect(await tile(19_997)).toContain('<span class="kpi-value" title="19,997">19,997</span>');
    expect(await tile(-12.345)).toContain('>-12.35</span>');
    expect(await tile(999_999)).toContain('>999,999</span>');
    expect(await tile(3_400_000)).toContain('title="3,400,000">3.4M</span>');
  });
});
