import { z } from 'atoll/plugin';
import { describe, expect, it, vi } from 'vitest';
import { runToolDirect, toolOf, userCaller } from '../../chat/tools/testing';
import { bootProjects, newProject, team } from '../../projects/testing';
import { newArtifact } from '../testing';

vi.setConfig({ testTimeout: 30_000 });
const atoll = await bootProjects();

// Searching `CHURN_<tag>`: "Churn <tag>" and "churnx<tag>" match only if `_` were a wildcard.
const tag = crypto.randomUUID().slice(0, 8);
const a = await team(atoll, 'arttool-a');
const b = await team(atoll, 'arttool-b');
const churn = await newProject(atoll, a.owner, a.tenant.id, `Churn ${tag}`);
const forecasts = await newProject(atoll, a.owner, a.tenant.id, `forecasts-${tag}`, `About churn_${tag} forecasting`);
const model = await newArtifact(atoll, a.owner, a.tenant.id, churn.id, { name: `churn_${tag}_model`, kind: 'model' });
const tagged = await newArtifact(atoll, a.owner, a.tenant.id, forecasts.id, { name: `summary ${tag}`, kind: 'report', tags: [`Churn_${tag}`, 'q3'] });
await newArtifact(atoll, a.owner, a.tenant.id, churn.id, { name: `churnx${tag}` });
const percent = await newArtifact(atoll, a.owner, a.tenant.id, churn.id, { name: `100% ${tag}` });
await newArtifact(atoll, a.owner, a.tenant.id, churn.id, { name: `100x ${tag}` });

const asA = userCaller(a.viewer, a.tenant.id, 'viewer');
const search = (input: unknown, caller = asA) => runToolDirect(atoll, 'artifacts_search', input, caller);

describe('artifacts_search', () => {
  it('is read-only, for viewers, and needs artifacts:read and projects:read from a key', () => {
    expect(toolOf(atoll, 'artifacts_search')).toMatchObject({ minRole: 'viewer', scopes: ['artifacts:read', 'projects:read'] });
    expect(toolOf(atoll, 'artifacts_search').writes).toBeFalsy();
    expect(z.toJSONSchema(toolOf(atoll, 'artifacts_search').input, { io: 'input' })).toMatchObject({ required: ['query'] });
  });

  it('finds projects by name or description and artifacts by name or tag, ignoring case, with `_` literal', async () => {
    const result = await search({ query: `CHURN_${tag}` });
    expect(result.table?.columns).toEqual(['type', 'name', 'kind', 'status', 'tags', 'about', 'id']);
    expect(result.table?.rows).toEqual([
      ['project', forecasts.name, '', '', '', `About churn_${tag} forecasting`, forecasts.id],
      ['artifact', model.name, 'model', 'draft', '', `project: ${churn.name}`, model.id],
      ['artifact', tagged.name, 'report', 'draft', `Churn_${tag} q3`, `project: ${forecasts.name}`, tagged.id],
    ]);
    expect(result.summary).toBe('1 project, 2 artifacts');
    expect(result.text.split('\n')[0]).toBe('type,name,kind,status,tags,about,id');
  });

  it('takes `%` literally and bounds the matches', async () => {
    expect((await search({ query: `% ${tag}` })).table?.rows.map((r) => r[6])).toEqual([percent.id]);
    const one = await search({ query: tag, limit: 1 });
    expect(one.table).toMatchObject({ truncated: true });
    expect(one.table?.rows).toHaveLength(2);
  });

  it('refuses an empty or oversized query and limit by its schema', () => {
    const input = toolOf(atoll, 'artifacts_search').input;
    for (const bad of [{ query: '' }, { query: '   ' }, { query: 'x'.repeat(201) }, { query: 'x', limit: 51 }, { query: 'a\u0000' }, { query: '\ud800' }, {}])
      expect(input.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it("shows another tenant none of A's projects or artifacts", async () => {
    const result = await search({ query: tag }, userCaller(b.owner, b.tenant.id, 'owner'));
    expect(result.table?.rows).toEqual([]);
    expect(result.summary).toBe('0 projects, 0 artifacts');
  });
});
