import { invalidOrder, panelLimit, panelNotFound } from '../errors';
import type { ServiceContext } from './context';
import { reflow } from './layout';
import { MAX_PANELS, type Panel, type PanelInput } from './panel-schema';
import { changePanels, toPanels } from './store';

type Target = { tenantId: string; dashboardId: string };

/** Adds a panel (409 `DASHBOARDS_PANEL_LIMIT` at 50); without a position it goes under the others. */
export const addPanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panel: PanelInput } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_added', (panels) => {
    if (panels.length >= MAX_PANELS) throw panelLimit(MAX_PANELS);
    const [panel] = toPanels([input.panel], panels);
    return { panels: [...panels, panel!], result: panel!, data: { panelId: panel!.id, type: panel!.type } };
  });

/** Replaces a panel's content (type, title, query or text, position); it keeps its id and place in the order. */
export const replacePanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelId: string; panel: PanelInput } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_updated', (panels) => {
    const at = panels.findIndex((p) => p.id === input.panelId);
    if (at < 0) throw panelNotFound();
    const panel = { ...input.panel, id: input.panelId, position: input.panel.position ?? panels[at]!.position } as Panel;
    return { panels: panels.map((p, i) => (i === at ? panel : p)), result: panel, data: { panelId: panel.id, type: panel.type } };
  });

/** Removes a panel. */
export const removePanel = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelId: string } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panel_removed', (panels) => {
    if (!panels.some((p) => p.id === input.panelId)) throw panelNotFound();
    return { panels: panels.filter((p) => p.id !== input.panelId), result: undefined, data: { panelId: input.panelId } };
  });

/**
 * Puts the panels in the given order (every panel id exactly once, else 400
 * `DASHBOARDS_INVALID_ORDER`) and lays them out again in that order, keeping their sizes.
 */
export const reorderPanels = ({ ctx, input }: { ctx: ServiceContext; input: Target & { panelIds: string[] } }) =>
  changePanels(ctx, input.tenantId, input.dashboardId, 'panels_reordered', (panels) => {
    const byId = new Map(panels.map((p) => [p.id, p]));
    if (new Set(input.panelIds).size !== input.panelIds.length) throw invalidOrder('A panel id appears twice');
    if (input.panelIds.length !== panels.length || !input.panelIds.every((id) => byId.has(id))) {
      throw invalidOrder(`Give every panel id of the dashboard exactly once (${panels.length} panels)`);
    }
    const ordered = reflow(input.panelIds.map((id) => byId.get(id)!));
    return { panels: ordered, result: ordered, data: { panelIds: input.panelIds } };
  });
