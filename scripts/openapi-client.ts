// `npm run openapi:client`: regenerates the runner's API types (runner/atoll-api.ts) from the
// OpenAPI document the Worker serves. Run it after changing a route; commit the result.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_TYPES_FILE, clientTypesFor } from './lib/openapi-client-types';
import { servedOpenApiText } from './lib/openapi-document';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, CLIENT_TYPES_FILE), await clientTypesFor(await servedOpenApiText()));
console.log(`wrote ${CLIENT_TYPES_FILE}`);
