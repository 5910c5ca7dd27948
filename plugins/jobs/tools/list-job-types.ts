import { type ChatToolDefinition, coreServices, z } from 'atoll/plugin';
import { READ } from '../routes/jobs';

const Input = z.object({});

/** A job type's input as compact JSON Schema, or a note when zod cannot express it. */
function inputSchemaText(schema: z.ZodType): string {
  try {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    return '(not expressible as JSON Schema)';
  }
}

/**
 * `jobs_list_types`: the job types the installed plugins declare, with their input schemas, so
 * the model can call `jobs_start` (the types are only known once the app has booted).
 */
export const listJobTypesTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'jobs_list_types',
  description: 'Lists the job types jobs_start can start, each with the JSON Schema of its input and the API-key scopes it needs besides jobs:write.',
  input: Input,
  minRole: READ.tenantRole,
  scopes: READ.scopes,
  run: async (_input, ctx) => {
    const jobTypes = ctx.plugin.service(coreServices.jobTypes);
    const lines = jobTypes.types().map((type) => {
      const { definition } = jobTypes.get(type)!;
      return `${type}: input ${inputSchemaText(definition.input)}${definition.scopes?.length ? `; key scopes ${definition.scopes.join(', ')}` : ''}`;
    });
    return { text: lines.length ? lines.join('\n') : 'No job types are installed.', summary: `${lines.length} job type${lines.length === 1 ? '' : 's'}` };
  },
};
