import type { Summary } from '../services/get-summary';
import { formatNumber } from './charts';

/** The tenant's totals as a row of cards. */
export function SummaryCards({ summary }: { summary: Summary }) {
  const cards: [string, string, string][] = [
    ['summary-datasets', 'Datasets', `${formatNumber(summary.datasets.total)} (${formatNumber(summary.datasets.byStatus.ready)} ready)`],
    ['summary-points', 'Metric points', formatNumber(summary.rows.metricPoints)],
    ['summary-rows', 'Table rows', formatNumber(summary.rows.tableRows)],
    ['summary-metrics', 'Metrics', formatNumber(summary.metrics)],
    ['summary-last', 'Last ingestion', summary.lastIngestedAt ? `${summary.lastIngestedAt.slice(0, 16).replace('T', ' ')} UTC` : 'never'],
  ];
  return (
    <ul class="cards summary-cards" aria-label="Totals">
      {cards.map(([id, label, value]) => (
        <li class="card" id={id}>
          <small class="muted">{label}</small>
          <br />
          <strong>{value}</strong>
        </li>
      ))}
    </ul>
  );
}
