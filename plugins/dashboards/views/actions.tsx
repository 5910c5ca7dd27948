import { actorOf, getDb, getTenant, parseForm, redirectTo, z, type AppContext } from 'atoll/plugin';
import { deleteDashboard } from '../services/delete-dashboard';
import { duplicateDashboard } from '../services/duplicate-dashboard';
import { getDashboard, getPanel } from '../services/get-dashboard';
import { addPanel, removePanel, reorderPanels, replacePanel } from '../services/panels';
import { updateDashboard } from '../services/update-dashboard';
import { dashboardIdOf, panelIdOf } from './dashboard-page';
import { panelFromForm } from './panel-form';

const RenameForm = z.object({ name: z.string().trim().min(1).max(200), description: z.string().trim().max(2000).optional() });
const MoveForm = z.object({ direction: z.enum(['up', 'down']) });
const Empty = z.object({});

const ctxOf = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), request: c });
const target = (c: AppContext) => ({ tenantId: getTenant(c).id, dashboardId: dashboardIdOf(c) });
const back = (c: AppContext) => redirectTo(c, `/app/dashboards/${dashboardIdOf(c)}`);

/** POST `/app/dashboards/:id`: rename and describe. */
export async function renameFromForm(c: AppContext) {
  const form = await parseForm(c, RenameForm);
  await updateDashboard({ ctx: ctxOf(c), input: { ...target(c), name: form.name, description: form.description || null } });
  return back(c);
}

/** POST `/app/dashboards/:id/duplicate`: copies it and opens the copy. */
export async function duplicateFromForm(c: AppContext) {
  await parseForm(c, Empty);
  const copy = await duplicateDashboard({ ctx: ctxOf(c), input: target(c) });
  return redirectTo(c, `/app/dashboards/${copy.id}`, { notice: 'dashboard-copied' });
}

/** POST `/app/dashboards/:id/delete` (admin). */
export async function deleteFromForm(c: AppContext) {
  await parseForm(c, Empty);
  await deleteDashboard({ ctx: ctxOf(c), input: target(c) });
  return redirectTo(c, '/app/dashboards', { notice: 'dashboard-deleted' });
}

/** POST `/app/dashboards/:id/panels`: adds the form's panel. */
export async function addPanelFromForm(c: AppContext) {
  const panel = panelFromForm(await c.req.parseBody());
  await addPanel({ ctx: ctxOf(c), input: { ...target(c), panel } });
  return back(c);
}

/** POST `/app/dashboards/:id/panels/:panelId`: saves the edit form (a blank position keeps the old one). */
export async function updatePanelFromForm(c: AppContext) {
  const { panel: current } = await getPanel({ ctx: { db: getDb(c) }, input: { ...target(c), panelId: panelIdOf(c) } });
  const panel = panelFromForm(await c.req.parseBody(), current.position);
  await replacePanel({ ctx: ctxOf(c), input: { ...target(c), panelId: current.id, panel } });
  return back(c);
}

/** POST `/app/dashboards/:id/panels/:panelId/delete`. */
export async function removePanelFromForm(c: AppContext) {
  await parseForm(c, Empty);
  await removePanel({ ctx: ctxOf(c), input: { ...target(c), panelId: panelIdOf(c) } });
  return back(c);
}

/** POST `/app/dashboards/:id/panels/:panelId/move`: one step earlier or later, then the grid is laid out again. */
export async function movePanelFromForm(c: AppContext) {
  const { direction } = await parseForm(c, MoveForm);
  const panelId = panelIdOf(c);
  const dashboard = await getDashboard({ ctx: { db: getDb(c) }, input: target(c) });
  const ids = dashboard.panels.map((p) => p.id);
  const at = ids.indexOf(panelId);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at >= 0 && to >= 0 && to < ids.length) {
    [ids[at], ids[to]] = [ids[to]!, ids[at]!];
    await reorderPanels({ ctx: ctxOf(c), input: { ...target(c), panelIds: ids } });
  }
  return back(c);
}
