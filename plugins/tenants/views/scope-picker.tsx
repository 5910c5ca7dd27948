import { type ApiScopes, z } from 'atoll/plugin';
import { ScopeSchema } from '../routes/schemas';

/**
 * The scopes field of a form read with `parseBody({ all: true })`: one checked box is a string,
 * several an array. Scopes no installed plugin uses are refused by `createApiKey`, as in the API.
 */
export const ScopesField = z
  .union([z.string(), z.array(z.string())], { error: 'Pick at least one scope' })
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(ScopeSchema).min(1, 'Pick at least one scope').max(50));

/** The installed plugins' scopes by what they guard (`projects:read` → `projects`), in order. */
export function groupScopes(scopes: readonly string[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const scope of scopes) {
    const group = scope.slice(0, scope.indexOf(':'));
    groups.set(group, [...(groups.get(group) ?? []), scope]);
  }
  return [...groups.entries()];
}

/** One checkbox per scope the installed plugins use, grouped by plugin: nothing to mistype. */
export function ScopePicker({ scopes }: { scopes: ApiScopes }) {
  return (
    <fieldset id="api-key-scopes">
      <legend>
        Scopes <small class="muted">what the key may do; pick at least one</small>
      </legend>
      <div class="scope-groups">
        {groupScopes(scopes.list()).map(([group, members]) => (
          <fieldset class="scope-group" data-group={group}>
            <legend>{group}</legend>
            {members.map((scope) => {
              const id = `scope-${scope.replace(':', '-')}`;
              return (
                <label for={id}>
                  <input type="checkbox" id={id} name="scopes" value={scope} /> {scope.slice(group.length + 1)}
                </label>
              );
            })}
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}
