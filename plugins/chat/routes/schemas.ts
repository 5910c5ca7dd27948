import { z } from 'atoll/plugin';

export const isoDate = z.string().openapi({ format: 'date-time' });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1-100)' }),
  cursor: z.string().max(1000).optional().openapi({ description: 'nextCursor of the previous page' }),
});

export const DatasetIds = z
  .array(z.string().uuid())
  .max(20)
  .openapi({ description: 'Datasets the assistant works with by default (at most 20)', example: ['0b6c4c52-8f0e-4a57-9d0e-3f1f1c2a9b11'] });

export const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const jsonBody = <T extends z.ZodType>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });
