// The Worker: Atoll's kernel with the plugins of src/plugins.ts. wrangler.jsonc binds the Durable
// Objects re-exported here (the runtime finds their classes among the entry's exports).
import { createAtoll } from 'atoll';
import { installedPlugins } from './plugins';

export { RateLimiter } from 'atoll';

export default createAtoll({ plugins: installedPlugins });
