// The conformance suite over the first-party plugins (not a test file itself): each is booted with
// every other installed plugin beside it, since their resources span plugins (a job names a dataset),
// and made with the shared `RESOURCES`. What each may do unlike the rule is reviewed here: making
// another operation public or open to viewers must change these lists in the same commit.
import { type ConformanceOptions, runConformanceSuite } from '../../worker/plugin/testing';
import { installedPlugins } from '../../worker/plugins';
import { RESOURCES } from './api-world';

const REVIEWED: Record<string, Omit<ConformanceOptions, 'resources' | 'alongside'>> = {
  auth: {
    public: ['auth.getJwks', 'auth.login', 'auth.refreshTokens', 'auth.registerUser'],
    // A signed-in user's own account, outside any tenant.
    viewerMay: ['auth.changePassword', 'auth.endSession', 'auth.logout', 'auth.logoutAll', 'auth.updateMe', 'auth.updatePreferences'],
  },
  system: { public: ['system.getInfo'] },
  tenants: { viewerMay: ['tenants.createTenant'] },
  files: { viewerMay: ['files.presignDownload'] },
  artifacts: { viewerMay: ['artifacts.createDownloadUrl'] },
  // realtime.connect is authenticated by its single-use ticket.
  realtime: { public: ['realtime.connect'], viewerMay: ['realtime.createTicket'] },
  datasets: {
    viewerMay: ['datasets.runQuery'],
    // plugins/datasets/migrations/0003_sql_reader_role.sql: a policy on atoll.tenant_id would let a
    // query forging the setting hide its own grant; rows are never committed and only the owner may
    // touch the table (rls-catalog.test.ts checks that no other role can).
    rlsExempt: { 'public.datasets_sql_grants': 'read-only SQL grants, keyed by transaction id' },
  },
  // Chat sessions are a caller's own private things, and a tool says itself which role it needs.
  chat: { viewerMay: ['chat.runTool', 'chat.cancelRun', 'chat.createSession', 'chat.decideToolCall', 'chat.deleteSession', 'chat.renameSession', 'chat.sendMessage'] },
};

/** Registers the conformance suites of the installed first-party plugins `ids`. */
export function firstPartyConformance(ids: readonly string[]): void {
  for (const id of ids) {
    const plugin = installedPlugins().find((p) => p.id === id);
    if (!plugin) throw new Error(`no installed plugin "${id}"`);
    runConformanceSuite(() => installedPlugins().find((p) => p.id === id)!, {
      ...REVIEWED[id],
      resources: RESOURCES,
      alongside: () => installedPlugins().filter((p) => p.id !== id),
    });
  }
}

/** The plugins of conformance-accounts.test.ts: accounts, tenants, files and projects. */
export const ACCOUNT_PLUGINS = ['auth', 'system', 'tenants', 'files', 'projects', 'artifacts', 'realtime'];
/** The plugins of conformance-data.test.ts: data and work. */
export const DATA_PLUGINS = ['datasets', 'analytics', 'dashboards', 'jobs', 'cluster-admin', 'chat', 'mcp'];

/** Every installed plugin's id, so a new one is in a conformance file or fails the check of it. */
export const installedIds = () =>
  installedPlugins()
    .map((p) => p.id)
    .sort();
