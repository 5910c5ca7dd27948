import { type AppContext, actorOf, getDb, getTenant, parseForm, redirectTo, z } from 'atoll/plugin';
import { deleteDashboard } from '../services/delete-dashboard';
import { duplicateDashboard } from '../services/duplicate-dashboard';
import { getPanel } from '../services/get-dashboard';
import { GRID_COLUMNS, MAX_ROW } from '../services/panel-schema';
import { addPanel, placePanel, removePanel, replacePanel, stepPanel } from '../services/panels';
import { updateDashboard } from '../services/update-dashboard';
import { dashboardIdOf, panelIdOf } from './dashboard-page';
import { panelFromForm } from './panel-form';

const RenameForm = z.object({ name: z.string().trim().min(1).max(200), description: z.string().trim().max(2000).optional() });
const Empty = z.object({});

const ctxOf = (c: AppContext) => ({ db: getDb(c), actor: actorOf(c.get('principal')), request: c });
const target = (c: AppContext) => ({ tenantId: getTenant(c).id, dashboardId: dashboardIdOf(c) });
type Notice = NonNullable<Parameters<typeof redirectTo>[2]>['notice'];
const back = (c: AppContext, notice?: Notice) => redirectTo(c, `/app/dashboards/${dashboardIdOf(c)}`, notice ? { notice } : {});

/** POST `/app/dashboards/:id`: rename and describe. */
export async function renameFromForm(c: AppContext) {
  const form = await parseForm(c, RenameForm);
  await updateDashboard({ ctx: ctxOf(c), input: { ...target(c), name: form.name, description: form.description || null } });
  return back(c, 'dashboard-renamed');
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
  return back(c, 'panel-added');
}

/** POST `/app/dashboards/:id/panels/:panelId`: saves the edit form (the panel keeps its place and size). */
export async function updatePanelFromForm(c: AppContext) {
  const { panel: current } = await getPanel({ ctx: { db: getDb(c) }, input: { ...target(c), panelId: panelIdOf(c) } });
  const panel = panelFromForm(await c.req.parseBody(), current.position);
  await replacePanel({ ctx: ctxOf(c), input: { ...target(c), panelId: current.id, panel } });
  return back(c, 'panel-saved');
}

/** POST `/app/dashboards/:id/panels/:panelId/delete`. */
export async function removePanelFromForm(c: AppContext) {
  await parseForm(c, Empty);
  await removePanel({ ctx: ctxOf(c), input: { ...target(c), panelId: panelIdOf(c) } });
  return back(c, 'panel-removed');
}

const STEP = z.enum(['up', 'down', 'left', 'right', 'wider', 'narrower', 'taller', 'shorter']);
const MoveForm = z.object({ direction: STEP });
const cell = (max: number, min = 0) => z.coerce.number().int().min(min).max(max);
const PlaceForm = z
  .object({ x: cell(GRID_COLUMNS - 1), y: cell(MAX_ROW), w: cell(GRID_COLUMNS, 1), h: cell(12, 1) })
  .refine((p) => p.x + p.w <= GRID_COLUMNS, { message: `x + w must be at most ${GRID_COLUMNS}`, path: ['w'] });

/** POST `/app/dashboards/:id/panels/:panelId/move`: one step (up, down, left, right, wider, narrower, taller, shorter). */
export async function movePanelFromForm(c: AppContext) {
  const { direction } = await parseForm(c, MoveForm);
  const moved = await stepPanel({ ctx: ctxOf(c), input: { ...target(c), panelId: panelIdOf(c), step: direction } });
  const resized = ['wider', 'narrower', 'taller', 'shorter'].includes(direction);
  return back(c, moved === null ? 'panel-not-moved' : resized ? 'panel-resized' : 'panel-moved');
}

/** POST `/app/dashboards/:id/panels/:panelId/place` {x, y, w, h}: where a panel was dragged to (dashboard-grid.js). */
export async function placePanelFromForm(c: AppContext) {
  const position = await parseForm(c, PlaceForm);
  const { resized } = await placePanel({ ctx: ctxOf(c), input: { ...target(c), panelId: panelIdOf(c), position } });
  return back(c, resized ? 'panel-resized' : 'panel-moved');
}
