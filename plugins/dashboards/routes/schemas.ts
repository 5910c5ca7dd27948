import { wellFormedString, z } from 'atoll/plugin';
import type { DashboardRow } from '../db/schema';
import { MAX_PANELS, PanelInput } from '../services/panel-schema';

export const DashboardName = wellFormedString().trim().min(1).max(200).openapi({ example: 'Operations' });
const Description = wellFormedString().trim().max(2000);
/** A panel in a full replacement: its `id` keeps an existing panel's id. */
const PanelWithId = z.intersection(PanelInput, z.object({ id: z.string().uuid().optional() }));
const Panels = z.array(PanelWithId).max(MAX_PANELS);

export const CreateDashboardBody = z.object({ name: DashboardName, description: Description.optional(), panels: Panels.optional() }).openapi('CreateDashboard');
export const UpdateDashboardBody = z
  .object({ name: DashboardName.optional(), description: Description.nullable().optional(), panels: Panels.optional().openapi({ description: 'Replaces every panel' }) })
  .refine((b) => b.name !== undefined || b.description !== undefined || b.panels !== undefined, { message: 'Give name, description and/or panels' })
  .openapi('UpdateDashboard');
export const DuplicateBody = z.object({ name: DashboardName.optional() }).openapi('DuplicateDashboard');
export const ReorderBody = z.object({ panelIds: z.array(z.string().uuid()).max(MAX_PANELS) }).openapi('ReorderPanels');

export const DashboardParams = z.object({ id: z.string().uuid().openapi({ description: 'Dashboard id' }) });
export const PanelParams = DashboardParams.extend({ panelId: z.string().uuid().openapi({ description: 'Panel id' }) });

export const ListDashboardsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(1000).optional().openapi({ description: 'nextCursor of the previous page' }),
  q: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional()).openapi({ description: 'Name contains this (ignoring case)' }),
});

const iso = z.string().openapi({ format: 'date-time' });
export const PanelSchema = z.intersection(PanelInput, z.object({ id: z.string().uuid() })).openapi('Panel');
const summaryFields = { id: z.string().uuid(), name: z.string(), description: z.string().nullable(), createdBy: z.string().nullable(), createdAt: iso, updatedAt: iso };
export const DashboardSchema = z.object({ ...summaryFields, panels: z.array(PanelSchema) }).openapi('Dashboard');
export const DashboardPageSchema = z.object({ items: z.array(z.object({ ...summaryFields, panelCount: z.number().int() })), nextCursor: z.string().nullable() }).openapi('DashboardPage');

export const PanelDataSchema = z
  .object({
    panelId: z.string().uuid(),
    type: z.string(),
    kind: z.enum(['series', 'value', 'rows', 'text']).openapi({ description: 'series {points}, value {value, previous}, rows {columns, rows}, text {text}' }),
  })
  .passthrough()
  .openapi('PanelData');

const summary = (d: DashboardRow) => ({ id: d.id, name: d.name, description: d.description, createdBy: d.createdBy, createdAt: d.createdAt.toISOString(), updatedAt: d.updatedAt.toISOString() });
export const presentDashboard = (d: DashboardRow) => ({ ...summary(d), panels: d.panels });
export const presentListItem = (d: DashboardRow) => ({ ...summary(d), panelCount: d.panels.length });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
