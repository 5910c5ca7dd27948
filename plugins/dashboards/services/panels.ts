import { invalidOrder, panelLimit, panelNotFound } from '../errors';
import type { ServiceContext } from './context';
import { movePanel, type Nudge, nudgePanel, packPanels, reflow } from './layout';
import { MAX_PANELS, type Panel, type PanelInput, type PanelPosition } from './panel-schema';
import { changePanels, toPanels } from './store';

type Target = { tenantId: string; dashboardId: string };

const indexOf = (panels: readonly Panel[], id: string) => {
  const at = panels.findIndex((p) => p.id === id);
  if (at < 0) throw panelNotFound();
  return at;
};

/**
 * Adds a panel (409 `DASHBOARDS_PANEL_LIMIT` at 50): at its position, the panels there moving down,
 * or without one in the first free slot.
 */
export const addPanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panel: PanelInput } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_added', (panels) => {
    if (panels.length >= MAX_PANELS) throw panelLimit(MAX_PANELS);
    const id = crypto.randomUUID();
    // With a position it takes that place (the panels there move down), like a moved panel.
    const { position } = input.panel;
    const laid = position ? movePanel([...panels, { ...input.panel, id, position } as Panel], id, position) : toPanels([{ ...input.panel, id }], panels);
    const panel = laid.find((p) => p.id === id)!;
    return { panels: laid, result: panel, data: { panelId: panel.id, type: panel.type } };
  });

/**
 * Replaces a panel's content (type, title, query or text, position); it keeps its id. A new
 * position moves it there and the panels it lands on move down; without one it stays where it is.
 */
export const replacePanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelId: string; panel: PanelInput } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_updated', (panels) => {
    const at = indexOf(panels, input.panelId);
    const current = panels[at]!;
    const replaced = panels.map((p, i) => (i === at ? ({ ...input.panel, id: current.id, position: current.position } as Panel) : p));
    const laid = input.panel.position ? movePanel(replaced, current.id, input.panel.position) : packPanels(replaced);
    const panel = laid.find((p) => p.id === current.id)!;
    return { panels: laid, result: panel, data: { panelId: panel.id, type: panel.type } };
  });

/**
 * Moves or resizes a panel to `position`; the panels it lands on move down, and the grid packs up.
 * Answers the new layout and whether the panel changed size.
 */
export const placePanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelId: string; position: PanelPosition } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_moved', (panels) => {
    const before = panels[indexOf(panels, input.panelId)]!.position;
    const laid = movePanel(panels, input.panelId, input.position);
    const resized = before.w !== input.position.w || before.h !== input.position.h;
    return { panels: laid, result: { panels: laid, resized }, data: { panelId: input.panelId, position: input.position } };
  });

/** One keyboard step for a panel (see `nudgePanel`); a step that goes nowhere changes nothing and answers `null`. */
export const stepPanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelId: string; step: Nudge } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_moved', (panels) => {
    indexOf(panels, input.panelId);
    const laid = nudgePanel(panels, input.panelId, input.step);
    return { panels: laid ?? panels, result: laid, data: { panelId: input.panelId, step: input.step } };
  });

/** Removes a panel; the panels under it rise into the room it leaves. */
export const removePanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelId: string } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_removed', (panels) => {
    indexOf(panels, input.panelId);
    return { panels: packPanels(panels.filter((p) => p.id !== input.panelId)), result: undefined, data: { panelId: input.panelId } };
  });

/**
 * Lays the panels out again in the given order (every panel id exactly once, else 400
 * `DASHBOARDS_INVALID_ORDER`): left to right in rows, keeping their sizes, packed up.
 */
export const reorderPanels = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelIds: string[] } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panels_reordered', (panels) => {
    const byId = new Map(panels.map((p) => [p.id, p]));
    if (new Set(input.panelIds).size !== input.panelIds.length) throw invalidOrder('A panel id appears twice');
    if (input.panelIds.length !== panels.length || !input.panelIds.every((id) => byId.has(id))) {
      throw invalidOrder(`Give every panel id of the dashboard exactly once (${panels.length} panels)`);
    }
    const ordered = packPanels(reflow(input.panelIds.map((id) => byId.get(id)!)));
    return { panels: ordered, result: ordered, data: { panelIds: input.panelIds } };
  });
