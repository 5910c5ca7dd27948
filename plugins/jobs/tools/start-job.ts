import { type ChatToolDefinition, type PluginContext, storableString, z } from 'atoll/plugin';
import type { JobsConfig } from '../config';
import { jobsDeps } from '../deps';
import { invalidInput } from '../errors';
import { CREATE_BODY_BYTES, WRITE } from '../routes/jobs';
import { callerOf } from '../services/context';
import { createJob } from '../services/create-job';

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value ?? null)).length;

const Input = z.object({
  type: storableString().min(1).max(200).describe('The job type, as jobs_list_types lists it (e.g. datasets.export)'),
  input: z.unknown().describe("The job's input: a JSON object matching the type's input schema (see jobs_list_types)"),
});

/**
 * `jobs_start`: queues a job through the same service as `POST /jobs`, as the caller (a user or an
 * API key, whose scopes must also cover what the job type reads). An identical job that is pending,
 * running or succeeded is reused, as over REST.
 */
export const startJobTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'jobs_start',
  description:
    'Starts a background job of an installed type (for example exporting or profiling a dataset) and returns its id and status; the job runs on a job runner, not here, and may take minutes. ' +
    'The user is asked to approve it first. An identical job that is pending, running or finished successfully is returned instead of starting another.',
  input: Input,
  minRole: WRITE.tenantRole,
  scopes: WRITE.scopes,
  writes: true,
  run: async (input, ctx) => {
    // The REST route bounds its body; the tool bounds the same input the same way.
    if (jsonBytes(input.input) > CREATE_BODY_BYTES) throw invalidInput([{ location: 'body', path: 'input', message: `At most ${CREATE_BODY_BYTES} bytes of JSON` }]);
    const deps = jobsDeps(ctx.plugin as PluginContext<JobsConfig>);
    const out = await createJob({ ctx: { ...deps, db: ctx.db }, input: { tenantId: ctx.tenantId, type: input.type, input: input.input, caller: callerOf(ctx.principal, ctx.role) } });
    const { job } = out;
    const answer = { id: job.id, type: job.type, status: job.status, reused: out.cached, createdAt: job.createdAt.toISOString() };
    return { text: JSON.stringify(answer), summary: `${job.type} ${out.cached ? 'reused' : 'queued'}: ${job.status}` };
  },
};
