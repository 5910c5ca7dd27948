import type { ChatToolDefinition } from 'atoll/plugin';
import type { ChatAssistantRow } from '../db/schema';
import type { DatasetChoice } from '../services/dataset-choices';

export const EFFORTS = ['low', 'medium', 'high', 'xhigh', 'max'] as const;

export interface AssistantFormProps {
  /** The assistant being edited; none: the create form. */
  assistant?: ChatAssistantRow;
  tools: readonly ChatToolDefinition[];
  datasets: readonly DatasetChoice[];
  /** The plugin's defaults, shown where a setting is left empty. */
  defaults: { model: string; maxSteps: number; effort: string };
}

/**
 * The create and edit form of an assistant. Tools: "every tool" (null: whatever the user may use) or
 * the ones ticked. Empty model, steps and effort fall back to the plugin's settings.
 */
export function AssistantForm({ assistant, tools, datasets, defaults }: AssistantFormProps) {
  const a = assistant;
  const prefix = a ? `assistant-${a.id.slice(0, 8)}` : 'assistant-new';
  const chosen = new Set(a?.tools ?? []);
  // Kept selected, so saving the form does not drop a default dataset that is not ready at the moment.
  const unlisted = (a?.datasetIds ?? []).filter((id) => !datasets.some((d) => d.id === id));
  const action = a ? `/app/chat/assistants/${a.id}` : '/app/chat/assistants';
  return (
    <form class="stack assistant-form" method="post" action={action} id={a ? 'edit-assistant' : 'create-assistant'}>
      <h2>{a ? `Edit ${a.name}` : 'New assistant'}</h2>
      <label for={`${prefix}-name`}>
        Name
        <input id={`${prefix}-name`} name="name" required maxlength={100} value={a?.name ?? ''} />
      </label>
      <label for={`${prefix}-instructions`}>
        Instructions <small class="muted">the system prompt: how it works and answers</small>
        <textarea id={`${prefix}-instructions`} name="instructions" rows={6} maxlength={20_000}>
          {a?.instructions ?? ''}
        </textarea>
      </label>
      <fieldset class="assistant-tools">
        <legend>Tools</legend>
        <label class="checkbox">
          <input type="checkbox" name="allTools" value="true" checked={!a || a.tools === null} /> Every tool the user may use
        </label>
        <p class="muted">Or only these (used when the box above is not ticked):</p>
        {tools.map((t) => (
          <label class="checkbox" title={t.description}>
            <input type="checkbox" name="tools" value={t.name} checked={chosen.has(t.name)} /> <code>{t.name}</code>
            {t.writes ? <small class="muted"> changes data: asks first</small> : null}
            {t.minRole && t.minRole !== 'viewer' ? <small class="muted"> ({t.minRole} and up)</small> : null}
          </label>
        ))}
      </fieldset>
      {datasets.length + unlisted.length > 0 ? (
        <label for={`${prefix}-datasets`}>
          Default datasets <small class="muted">new chats are about these unless the user picks others</small>
          <select id={`${prefix}-datasets`} name="datasetIds" multiple size={Math.min(6, datasets.length + unlisted.length)}>
            {datasets.map((d) => (
              <option value={d.id} selected={a?.datasetIds.includes(d.id)}>
                {d.name}
              </option>
            ))}
            {unlisted.map((id) => (
              <option value={id} selected>
                {id} (not ready now)
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label for={`${prefix}-model`}>
        Model <small class="muted">empty: {defaults.model}</small>
        <input id={`${prefix}-model`} name="model" maxlength={100} value={a?.model ?? ''} />
      </label>
      <label for={`${prefix}-steps`}>
        Max steps <small class="muted">model calls per answer, 1-50; empty: {defaults.maxSteps}</small>
        <input id={`${prefix}-steps`} name="maxSteps" type="number" min={1} max={50} value={a?.maxSteps != null ? String(a.maxSteps) : ''} />
      </label>
      <label for={`${prefix}-effort`}>
        Effort
        <select id={`${prefix}-effort`} name="effort">
          <option value="" selected={!a?.effort}>
            default ({defaults.effort})
          </option>
          {EFFORTS.map((e) => (
            <option value={e} selected={a?.effort === e}>
              {e}
            </option>
          ))}
        </select>
      </label>
      {a?.isDefault ? (
        <p class="muted">This is the tenant's default assistant: make another one the default to change that.</p>
      ) : (
        <label class="checkbox">
          <input type="checkbox" name="isDefault" value="true" /> Make it the default assistant
        </label>
      )}
      <button type="submit">{a ? 'Save' : 'Create assistant'}</button>
    </form>
  );
}
