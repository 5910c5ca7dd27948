import { wellFormedString, z } from 'atoll/plugin';
import type { ProjectRow } from '../db/schema';
import { PROJECT_SORTS, SORT_ORDERS } from '../services/cursor';

export const ProjectName = wellFormedString().trim().min(1).max(200).openapi({ example: 'Churn model' });
export const ProjectDescription = wellFormedString().trim().max(2000).openapi({ example: 'Monthly churn prediction' });

export const CreateProjectBody = z.object({ name: ProjectName, description: ProjectDescription.optional() }).openapi('CreateProject');
export const UpdateProjectBody = z
  .object({ name: ProjectName.optional(), description: ProjectDescription.nullable().optional() })
  .refine((b) => b.name !== undefined || b.description !== undefined, { message: 'Give name and/or description' })
  .openapi('UpdateProject');

export const ProjectParams = z.object({ id: z.string().uuid().openapi({ description: 'Project id' }) });

export const ListProjectsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(1000).optional().openapi({ description: 'nextCursor of the previous page (it keeps the sort it was made with)' }),
  q: z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(200).optional())
    .openapi({ description: 'Name contains this (ignoring case); empty means no filter' }),
  sort: z.enum(PROJECT_SORTS).optional().openapi({ description: 'Sort field (default name)' }),
  order: z.enum(SORT_ORDERS).optional().openapi({ description: 'Default asc for name, desc for updatedAt' }),
});

export const DeleteProjectQuery = z.object({
  force: z.enum(['true', 'false']).optional().openapi({ description: 'Also delete the items in the project (artifacts and their stored content)' }),
});

const isoDate = z.string().openapi({ format: 'date-time' });

export const ProjectSchema = z
  .object({ id: z.string().uuid(), name: z.string(), description: z.string().nullable(), createdBy: z.string().nullable(), createdAt: isoDate, updatedAt: isoDate })
  .openapi('Project');

export const ProjectPageSchema = z.object({ items: z.array(ProjectSchema), nextCursor: z.string().nullable() }).openapi('ProjectPage');

export const presentProject = (p: ProjectRow) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  createdBy: p.createdBy,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
