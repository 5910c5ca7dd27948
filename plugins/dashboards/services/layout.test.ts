import { describe, expect, it } from 'vitest';
import { firstFreeSlot, hasOverlap, movePanel, nudgePanel, packPanels } from './layout';

const at = (id: string, x: number, y: number, w: number, h: number) => ({ id, position: { x, y, w, h } });
const places = (panels: { id: string; position: { x: number; y: number; w: number; h: number } }[]) =>
  Object.fromEntries(panels.map((p) => [p.id, [p.position.x, p.position.y, p.position.w, p.position.h]]));

describe('packPanels', () => {
  it('pushes a panel that lands on another below it, in array order for equal places', () => {
    const packed = packPanels([at('a', 0, 0, 6, 4), at('b', 0, 0, 6, 4), at('c', 3, 1, 6, 2)]);
    expect(places(packed)).toEqual({ a: [0, 0, 6, 4], b: [0, 4, 6, 4], c: [3, 8, 6, 2] });
    expect(hasOverlap(packed)).toBe(false);
    expect(packed.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('lets panels rise into room above them and keeps a packed grid as it is', () => {
    const packed = packPanels([at('a', 0, 10, 4, 2), at('b', 4, 30, 8, 3), at('c', 0, 40, 12, 1)]);
    expect(places(packed)).toEqual({ a: [0, 0, 4, 2], b: [4, 0, 8, 3], c: [0, 3, 12, 1] });
    expect(packPanels(packed)).toEqual(packed);
  });

  it('answers 409 DASHBOARDS_GRID_FULL when a panel would start below row 99', () => {
    const tall = Array.from({ length: 10 }, (_, i) => at(`p${i}`, 0, 0, 12, 12));
    expect(() => packPanels(tall)).toThrow(expect.objectContaining({ code: 'DASHBOARDS_GRID_FULL', kind: 'conflict' }));
  });
});

describe('firstFreeSlot', () => {
  it('finds the first hole, top to bottom then left to right', () => {
    const grid = [at('a', 0, 0, 6, 4), at('b', 9, 0, 3, 2)];
    expect(firstFreeSlot(grid, { w: 3, h: 2 })).toEqual({ x: 6, y: 0, w: 3, h: 2 });
    expect(firstFreeSlot(grid, { w: 6, h: 4 })).toEqual({ x: 6, y: 2, w: 6, h: 4 });
    expect(firstFreeSlot(grid, { w: 12, h: 1 })).toEqual({ x: 0, y: 4, w: 12, h: 1 });
  });
});

describe('moving and resizing', () => {
  const grid = () => [at('a', 0, 0, 6, 4), at('b', 6, 0, 6, 4), at('c', 0, 4, 12, 2)];

  it('moves a panel onto another: the moved one takes the place, the other goes down', () => {
    const moved = movePanel(grid(), 'c', { x: 0, y: 0, w: 6, h: 2 });
    expect(places(moved)).toEqual({ c: [0, 0, 6, 2], b: [6, 0, 6, 4], a: [0, 2, 6, 4] });
    expect(hasOverlap(moved)).toBe(false);
  });

  it('puts a panel dropped on the lower half of another under it, and rises into room', () => {
    expect(places(movePanel(grid(), 'c', { x: 0, y: 3, w: 12, h: 2 }))).toEqual({ a: [0, 0, 6, 4], b: [6, 0, 6, 4], c: [0, 4, 12, 2] });
    expect(places(movePanel(grid(), 'a', { x: 0, y: 50, w: 6, h: 4 }))).toEqual({ b: [6, 0, 6, 4], c: [0, 4, 12, 2], a: [0, 6, 6, 4] });
  });

  it('steps: up and down swap with the neighbour, sideways and sizes by one cell, no-ops are null', () => {
    expect(places(nudgePanel(grid(), 'c', 'up')!)).toEqual({ c: [0, 0, 12, 2], a: [0, 2, 6, 4], b: [6, 2, 6, 4] });
    expect(places(nudgePanel(grid(), 'a', 'down')!)).toEqual({ b: [6, 0, 6, 4], c: [0, 4, 12, 2], a: [0, 6, 6, 4] });
    expect(places(nudgePanel(grid(), 'a', 'wider')!)).toEqual({ a: [0, 0, 7, 4], b: [6, 4, 6, 4], c: [0, 8, 12, 2] });
    expect(places(nudgePanel(grid(), 'c', 'shorter')!)).toEqual({ a: [0, 0, 6, 4], b: [6, 0, 6, 4], c: [0, 4, 12, 1] });
    expect(places(nudgePanel([at('a', 0, 0, 6, 4)], 'a', 'right')!)).toEqual({ a: [1, 0, 6, 4] });
    expect(nudgePanel(grid(), 'a', 'up')).toBeNull();
    expect(nudgePanel(grid(), 'a', 'left')).toBeNull();
    expect(nudgePanel(grid(), 'c', 'wider')).toBeNull();
    expect(nudgePanel(grid(), 'c', 'down')).toBeNull();
  });

  it('never overlaps whatever the steps', () => {
    let panels = packPanels([at('a', 0, 0, 3, 2), at('b', 3, 0, 6, 4), at('c', 0, 2, 4, 2), at('d', 8, 0, 4, 5), at('e', 0, 6, 12, 3)]);
    expect(hasOverlap(panels)).toBe(false);
    const steps = ['up', 'down', 'left', 'right', 'wider', 'narrower', 'taller', 'shorter'] as const;
    for (let i = 0; i < 400; i++) {
      const id = panels[(i * 7) % panels.length]!.id;
      panels = nudgePanel(panels, id, steps[(i * 13) % steps.length]!) ?? panels;
      expect(hasOverlap(panels), JSON.stringify(panels)).toBe(false);
    }
  });
});
