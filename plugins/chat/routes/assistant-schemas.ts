import { wellFormedString, z } from 'atoll/plugin';
import type { ChatAssistantRow } from '../db/schema';
import { DatasetIds, isoDate } from './schemas';

const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

const Name = wellFormedString().trim().min(1).max(100).openapi({ description: 'Unique in the tenant, ignoring case', example: 'Sales analyst' });
const Instructions = wellFormedString().max(20_000).openapi({ description: 'The system prompt: how the assistant works and answers', example: 'Answer with tables; explain every number.' });
const Tools = z
  .array(wellFormedString().min(1).max(128))
  .max(100)
  .nullable()
  .openapi({ description: 'Names of the tools it may use (of those the caller may use); null: every tool the caller may use', example: ['datasets_list'] });
const Model = wellFormedString().trim().min(1).max(100).nullable().openapi({ description: 'Claude model; null: the plugin default (CHAT_MODEL)', example: 'claude-sonnet-5-5' });
const MaxSteps = z.number().int().min(1).max(50).nullable().openapi({ description: 'Model calls per answer (1-50); null: the plugin default (CHAT_MAX_STEPS)' });
const Effort = z.enum(EFFORTS).nullable().openapi({ description: 'Reasoning effort; null: the plugin default (CHAT_EFFORT)' });
const IsDefault = z.boolean().openapi({ description: "The tenant's default assistant (exactly one is); true moves the default here" });

export const CreateAssistantBody = z
  .object({
    name: Name,
    instructions: Instructions.optional(),
    tools: Tools.optional(),
    datasetIds: DatasetIds.optional(),
    model: Model.optional(),
    maxSteps: MaxSteps.optional(),
    effort: Effort.optional(),
    isDefault: IsDefault.optional(),
  })
  .openapi('CreateChatAssistant');

export const UpdateAssistantBody = z
  .object({
    name: Name.optional(),
    instructions: Instructions.optional(),
    tools: Tools.optional(),
    datasetIds: DatasetIds.optional(),
    model: Model.optional(),
    maxSteps: MaxSteps.optional(),
    effort: Effort.optional(),
    isDefault: IsDefault.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'Give at least one field to change' })
  .openapi('UpdateChatAssistant');

export const AssistantParams = z.object({ id: z.string().uuid().openapi({ description: 'Assistant id' }) });

export const AssistantSchema = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    instructions: z.string(),
    tools: z.array(z.string()).nullable(),
    datasetIds: z.array(z.string().uuid()),
    model: z.string().nullable(),
    maxSteps: z.number().int().nullable(),
    effort: z.enum(EFFORTS).nullable(),
    isDefault: z.boolean(),
    createdBy: z.string().nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .openapi('ChatAssistant');

export const AssistantPageSchema = z.object({ items: z.array(AssistantSchema), nextCursor: z.string().nullable() }).openapi('ChatAssistantPage');

export const presentAssistant = (a: ChatAssistantRow) => ({
  id: a.id,
  name: a.name,
  instructions: a.instructions,
  tools: a.tools,
  datasetIds: a.datasetIds,
  model: a.model,
  maxSteps: a.maxSteps,
  effort: a.effort,
  isDefault: a.isDefault,
  createdBy: a.createdBy,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});
