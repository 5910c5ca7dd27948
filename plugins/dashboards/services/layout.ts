import { gridFull } from '../errors';
import { GRID_COLUMNS, MAX_ROW, type PanelPosition } from './panel-schema';

const DEFAULT_SIZE: Record<string, { w: number; h: number }> = { kpi: { w: 3, h: 2 }, text: { w: 4, h: 2 }, table: { w: 6, h: 4 }, bar: { w: 6, h: 4 }, timeseries: { w: 6, h: 4 } };

/** A panel type's size when none is given. */
export const defaultSize = (type: string) => DEFAULT_SIZE[type] ?? { w: 6, h: 4 };

type Placed = { position: PanelPosition };
const columnsMeet = (a: PanelPosition, b: PanelPosition) => a.x < b.x + b.w && b.x < a.x + a.w;
const overlap = (a: PanelPosition, b: PanelPosition) => columnsMeet(a, b) && a.y < b.y + b.h && b.y < a.y + a.h;

/** Whether any two panels cover the same grid cell. */
export const hasOverlap = (panels: readonly Placed[]) => panels.some((a, i) => panels.slice(i + 1).some((b) => overlap(a.position, b.position)));

/** The first place (top to bottom, then left to right) where a panel of this size covers no other. */
export function firstFreeSlot(placed: readonly Placed[], size: { w: number; h: number }): PanelPosition {
  for (let y = 0; y <= MAX_ROW; y++) {
    for (let x = 0; x + size.w <= GRID_COLUMNS; x++) {
      const candidate = { x, y, ...size };
      if (!placed.some((p) => overlap(p.position, candidate))) return candidate;
    }
  }
  throw gridFull();
}

/**
 * Lays panels out so that no two overlap, deterministically. Panels are taken in order of their row
 * (then column, then array order) and each drops as high as it can in its own columns: under the
 * panels taken before it, never through them, so the grid has no holes a panel could rise into.
 * `pin` is the panel being moved or resized: its `key` (a row, fractional to go between panels)
 * says where it goes in that order, so it takes its new place and the panels it lands on move down.
 * The result is in reading order (top to bottom, left to right). 409 `DASHBOARDS_GRID_FULL` when a
 * panel would start below row 99.
 *
 * @example
 * const packed = packPanels(panels, { id: moved.id, key: dropKey(panels, moved.id, target) });
 */
export function packPanels<T extends Placed & { id: string }>(panels: readonly T[], pin?: { id: string; key: number }): T[] {
  const keyOf = (p: T) => (p.id === pin?.id ? pin.key : p.position.y);
  const order = panels.map((panel, index) => ({ panel, index })).sort((a, b) => keyOf(a.panel) - keyOf(b.panel) || a.panel.position.x - b.panel.position.x || a.index - b.index);
  const placed: T[] = [];
  for (const { panel } of order) {
    const x = Math.min(panel.position.x, GRID_COLUMNS - panel.position.w);
    const column = { ...panel.position, x };
    const y = placed.reduce((top, p) => (columnsMeet(p.position, column) ? Math.max(top, p.position.y + p.position.h) : top), 0);
    if (y > MAX_ROW) throw gridFull();
    placed.push({ ...panel, position: { ...column, y } });
  }
  return placed.sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x);
}

/**
 * Where a panel dropped at `target` goes in `packPanels`' order: before the panels from its row
 * down, and before a panel it lands on the upper half of; after the others.
 */
export function dropKey(panels: readonly (Placed & { id: string })[], id: string, target: PanelPosition): number {
  let key = target.y - 0.5;
  for (const other of panels) {
    const q = other.position;
    if (other.id !== id && overlap(q, target) && q.y < target.y && target.y < q.y + q.h / 2) key = Math.min(key, q.y - 0.5);
  }
  return key;
}

export type Nudge = 'up' | 'down' | 'left' | 'right' | 'wider' | 'narrower' | 'taller' | 'shorter';

/**
 * One keyboard step for a panel: up and down swap it with the nearest panel above or below in its
 * columns; left and right shift it one column; the others change its size by one cell. `null`
 * when the step goes nowhere (already at the top, at the edge, at the smallest size...).
 */
export function nudgePanel<T extends Placed & { id: string }>(panels: readonly T[], id: string, step: Nudge): T[] | null {
  const self = panels.find((p) => p.id === id);
  if (!self) return null;
  const at = self.position;
  const others = panels.filter((p) => p.id !== id && columnsMeet(p.position, at));
  if (step === 'up' || step === 'down') {
    const next =
      step === 'up'
        ? others.filter((p) => p.position.y < at.y).sort((a, b) => b.position.y - a.position.y)[0]
        : others.filter((p) => p.position.y > at.y).sort((a, b) => a.position.y - b.position.y)[0];
    return next ? packPanels(panels, { id, key: next.position.y + (step === 'up' ? -0.5 : 0.5) }) : null;
  }
  const w = at.w + (step === 'wider' ? 1 : step === 'narrower' ? -1 : 0);
  const h = at.h + (step === 'taller' ? 1 : step === 'shorter' ? -1 : 0);
  const x = Math.min(at.x + (step === 'left' ? -1 : step === 'right' ? 1 : 0), GRID_COLUMNS - w);
  if (w < 1 || w > GRID_COLUMNS || h < 1 || h > 12 || x < 0) return null;
  const target = { x, y: at.y, w, h };
  if (target.x === at.x && target.w === at.w && target.h === at.h) return null;
  return movePanel(panels, id, target);
}

/** The panels with one of them moved or resized to `target`, packed. */
export function movePanel<T extends Placed & { id: string }>(panels: readonly T[], id: string, target: PanelPosition): T[] {
  const key = dropKey(panels, id, target);
  return packPanels(
    panels.map((p) => (p.id === id ? { ...p, position: target } : p)),
    { id, key },
  );
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
    if (x + w > GRID_COLUMNS) {
      y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const position = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return { ...panel, position };
  });
}
