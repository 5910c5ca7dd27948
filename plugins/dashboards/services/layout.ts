import type { PanelPosition } from './panel-schema';

const DEFAULT_SIZE: Record<string, { w: number; h: number }> = { kpi: { w: 3, h: 2 }, text: { w: 4, h: 2 }, table: { w: 6, h: 4 }, bar: { w: 6, h: 4 }, timeseries: { w: 6, h: 4 } };

/** Where a new panel goes without a position: its default size, at the left of a row under every panel. */
export function placeBelow(existing: readonly { position: PanelPosition }[], type: string): PanelPosition {
  const bottom = existing.reduce((max, p) => Math.max(max, p.position.y + p.position.h), 0);
  const size = DEFAULT_SIZE[type] ?? { w: 6, h: 4 };
  return { x: 0, y: Math.min(bottom, 99), ...size };
}

/**
 * Lays panels out again in the given order, keeping each one's size: left to right, then a new row
 * under the tallest panel of the row when the next one does not fit in 12 columns.
 */
export function reflow<T extends { position: PanelPosition }>(panels: readonly T[]): T[] {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  return panels.map((panel) => {
    const { w, h } = panel.position;
    if (x + w > 12) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const position = { x, y: Math.min(y, 99), w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return { ...panel, position };
  });
}
