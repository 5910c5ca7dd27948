// Atoll's own Worker: the first-party plugins composed with `createAtoll`, as any other repository
// composes its own (examples/custom-app).
import { createAtoll } from './atoll';
import { installedPlugins } from './plugins';

export { ChatSession, RateLimiter, TenantHub } from './atoll';

export default createAtoll({ plugins: installedPlugins });
