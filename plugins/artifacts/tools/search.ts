import { type ChatToolDefinition, storableString, toolTable, z } from 'atoll/plugin';
import { projectsServiceRef } from '../../projects';
import { READ } from '../routes/deps';
import { searchArtifacts } from '../services/search-artifacts';

const Input = z.object({
  query: storableString().trim().min(1).max(200).describe('Text to look for in names (projects: also descriptions; artifacts: also tags), ignoring case'),
  limit: z.number().int().min(1).max(50).default(20).describe('At most this many projects and this many artifacts (default 20 each)'),
});

/**
 * `artifacts_search` (the issue's `search_projects_artifacts`): projects and artifacts matching a
 * text. Reading projects too, a key needs `projects:read` besides `artifacts:read`.
 */
export const searchTool: ChatToolDefinition<z.output<typeof Input>> = {
  name: 'artifacts_search',
  description:
    "Searches the tenant's projects (by name or description) and artifacts (by name or tag) for a text, ignoring case. Returns one row per match: type (project or artifact), name, artifact kind, status and tags, the artifact's project, and the id.",
  input: Input,
  minRole: READ.tenantRole,
  scopes: [...READ.scopes, 'projects:read'],
  run: async (input, ctx) => {
    const found = await searchArtifacts({ ctx: { db: ctx.db, projects: ctx.plugin.service(projectsServiceRef) }, input: { tenantId: ctx.tenantId, text: input.query, limit: input.limit } });
    const rows = [
      ...found.projects.map((p) => ['project', p.name, '', '', '', p.description ?? '', p.id]),
      ...found.artifacts.map((a) => ['artifact', a.name, a.kind, a.status, a.tags.join(' '), `project: ${a.projectName}`, a.id]),
    ];
    const { text, table } = toolTable({ columns: ['type', 'name', 'kind', 'status', 'tags', 'about', 'id'], rows, truncated: found.truncated });
    const summary = `${found.projects.length} project${found.projects.length === 1 ? '' : 's'}, ${found.artifacts.length} artifact${found.artifacts.length === 1 ? '' : 's'}`;
    return { text, table, summary };
  },
};
