/**
 * `atoll/plugin/testing`: the test kit for plugin authors. Boots Atoll with your plugins against the
 * real Postgres and S3 of the vitest Workers pool, seeds users, tenants, memberships and API keys
 * straight into the database, sends authenticated requests, and runs the conformance suite every
 * plugin's routes must pass. docs/plugins.md ("Testing") is the guide; the export list is pinned by
 * test/node/plugin-testing-exports.test.ts.
 */

export type { TestCaller, TestIdentity } from './caller';
export { type ConformanceOptions, runConformanceSuite } from './conformance';
export type { TestTeam } from './seed';
export { type StartTestAtollOptions, startTestAtoll, type TestAtoll } from './start';
export type { TestApiKey, TestTenant } from './tenant';
export type { TestUser } from './user';
export type { ResourceContext, ResourceMaker, Resources } from './world';
