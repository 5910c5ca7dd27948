import { type AppContext, actorOf, coreServices, getDb, getTenant, getUser, type PluginContext, redirectTo, z } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import { assistantNotFound } from '../errors';
import { createAssistant } from '../services/create-assistant';
import { listDatasetChoices } from '../services/dataset-choices';
import { deleteAssistant } from '../services/delete-assistant';
import { getAssistant } from '../services/get-assistant';
import { listAssistants } from '../services/list-assistants';
import { updateAssistant } from '../services/update-assistant';
import { AssistantForm, EFFORTS } from './assistant-form';
import { manyOf, oneOf, parseFormAll, UUID } from './form-values';

const blankIsNull = <T extends z.ZodType>(item: T) => oneOf(z.preprocess((v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v), item.nullable()));

const AssistantFormSchema = z.object({
  name: oneOf(z.string().trim().min(1).max(100)),
  instructions: oneOf(z.string().max(20_000).default('')),
  allTools: oneOf(z.literal('true').optional()),
  tools: manyOf(z.string().min(1).max(128), 100),
  datasetIds: manyOf(z.string().uuid(), 20),
  model: blankIsNull(z.string().trim().min(1).max(100)),
  maxSteps: blankIsNull(z.coerce.number().int().min(1).max(50)),
  effort: blankIsNull(z.enum(EFFORTS)),
  isDefault: oneOf(z.literal('true').optional()),
});

type Plugin = PluginContext<ChatConfig>;

const serviceCtx = (c: AppContext, plugin: Plugin) => ({ db: getDb(c), actor: actorOf(getUser(c)), request: c, tools: plugin.service(coreServices.chatTools) });

/** What both forms offer: every installed tool, the tenant's ready datasets, the plugin's defaults. */
async function formChoices(c: AppContext, plugin: Plugin) {
  const tenant = getTenant(c);
  const tools = plugin.service(coreServices.chatTools);
  const datasets = await listDatasetChoices({
    ctx: { db: getDb(c), tools, logger: plugin.logger, timeoutMs: plugin.config.toolTimeoutMs },
    input: { tenantId: tenant.id, caller: { principal: getUser(c), role: tenant.role } },
  });
  const { model, maxSteps, effort } = plugin.config;
  return { tools: tools.list().map((t) => t.definition), datasets, defaults: { model, maxSteps, effort } };
}

function assistantIdOf(c: AppContext): string {
  const id = UUID.safeParse(c.req.param('id'));
  if (!id.success) throw assistantNotFound();
  return id.data;
}

/** `/app/chat/assistants` (admins): the tenant's assistants and the form to add one. */
export async function AssistantsPage(c: AppContext, plugin: Plugin) {
  const page = await listAssistants({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, limit: 100 } });
  return (
    <>
      <link rel="stylesheet" href="/static/chat.css" />
      <p>
        <a href="/app/chat">← Chats</a>
      </p>
      <div class="table-scroll" tabindex={0}>
        <table id="assistants">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Tools</th>
              <th scope="col">Model</th>
              <th scope="col">Max steps</th>
              <th scope="col">Effort</th>
              <th scope="col"></th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((a) => (
              <tr data-assistant={a.id}>
                <td>
                  <a href={`/app/chat/assistants/${a.id}`}>{a.name}</a>
                  {a.isDefault ? <small class="muted"> default</small> : null}
                </td>
                <td>{a.tools === null ? 'every tool' : a.tools.length === 0 ? 'none' : a.tools.join(', ')}</td>
                <td>{a.model ?? <span class="muted">default</span>}</td>
                <td>{a.maxSteps ?? <span class="muted">default</span>}</td>
                <td>{a.effort ?? <span class="muted">default</span>}</td>
                <td>
                  {a.isDefault ? null : (
                    <form method="post" action={`/app/chat/assistants/${a.id}/delete`} class="inline" hx-confirm={`Delete the assistant ${a.name}? Its chats go on with the default one.`}>
                      <button type="submit" class="danger">
                        Delete
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <AssistantForm {...(await formChoices(c, plugin))} />
    </>
  );
}

/** `/app/chat/assistants/:id` (admins): one assistant's settings, to change. */
export async function AssistantPage(c: AppContext, plugin: Plugin) {
  const assistant = await getAssistant({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, assistantId: assistantIdOf(c) } });
  return (
    <>
      <link rel="stylesheet" href="/static/chat.css" />
      <p>
        <a href="/app/chat/assistants">← Assistants</a>
      </p>
      <AssistantForm assistant={assistant} {...(await formChoices(c, plugin))} />
    </>
  );
}

async function settingsOf(c: AppContext) {
  const form = await parseFormAll(c, AssistantFormSchema);
  return {
    name: form.name,
    instructions: form.instructions,
    tools: form.allTools ? null : form.tools,
    datasetIds: form.datasetIds,
    model: form.model,
    maxSteps: form.maxSteps,
    effort: form.effort,
    // Only ever set: the default moves by making another one the default (unsetting it is refused).
    isDefault: form.isDefault ? true : undefined,
  };
}

/** POST `/app/chat/assistants`. */
export async function createAssistantFromForm(c: AppContext, plugin: Plugin) {
  const settings = await settingsOf(c);
  await createAssistant({ ctx: serviceCtx(c, plugin), input: { tenantId: getTenant(c).id, ...settings } });
  return redirectTo(c, '/app/chat/assistants', { notice: 'assistant-created' });
}

/** POST `/app/chat/assistants/:id`. */
export async function updateAssistantFromForm(c: AppContext, plugin: Plugin) {
  const assistantId = assistantIdOf(c);
  const settings = await settingsOf(c);
  await updateAssistant({ ctx: serviceCtx(c, plugin), input: { tenantId: getTenant(c).id, assistantId, ...settings } });
  return redirectTo(c, '/app/chat/assistants', { notice: 'assistant-saved' });
}

/** POST `/app/chat/assistants/:id/delete`. */
export async function deleteAssistantFromForm(c: AppContext, plugin: Plugin) {
  await deleteAssistant({ ctx: serviceCtx(c, plugin), input: { tenantId: getTenant(c).id, assistantId: assistantIdOf(c) } });
  return redirectTo(c, '/app/chat/assistants', { notice: 'assistant-deleted' });
}
