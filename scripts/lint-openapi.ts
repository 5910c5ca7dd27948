// `npm run lint:openapi`: lints the OpenAPI document the Worker serves (Spectral `spectral:oas`,
// Redocly `recommended`) and prints every finding; exits 1 when there is an error.
import { servedOpenApiText } from './lib/openapi-document';
import { formatFinding, lintOpenApi, lintSummary } from './lib/openapi-lint';

const findings = await lintOpenApi(await servedOpenApiText());
for (const finding of findings) console.log(formatFinding(finding));
console.log(lintSummary(findings));
process.exitCode = findings.some((f) => f.severity === 'error') ? 1 : 0;
