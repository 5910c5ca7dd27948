// Seeded tenants, memberships and API keys live in the test kit (worker/plugin/testing/tenant.ts).
export { insertApiKey, insertMembership, insertTenant, type SeedApiKeyInput, type TestTenant as SeededTenant } from '../../worker/plugin/testing/tenant';
