// Seeded accounts, tenants, memberships and API keys for tests that are not about creating them:
// the test kit's seeding (worker/plugin/testing/seed.ts) under the names these tests use. The auth
// and tenants plugins' own tests keep the HTTP path (`signUp`, plugins/tenants/testing.ts).
import type { TenantRole } from 'atoll/plugin';
import type { AtollApp } from '../../worker/app';
import { seedMember } from '../../worker/plugin/testing/seed';
import type { TestUser } from '../../worker/plugin/testing/user';

export { uniqueSlug } from '../../worker/plugin/testing/env';
export { ownerWithTenant, seedApiKey as apiKeyOf, seedTeam as team, seedUser } from '../../worker/plugin/testing/seed';

/**
 * A new user in `tenantId` with `role`. `admin` is who adds them over HTTP (plugins/tenants/testing.ts);
 * it is taken here too so a test can switch between the two helpers by its import alone.
 */
export const memberOf = (atoll: AtollApp, tenantId: string, _admin: TestUser, role: TenantRole): Promise<TestUser> => seedMember(atoll, tenantId, role);
