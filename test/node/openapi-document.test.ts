// The OpenAPI document the Worker serves (built in process by the same createApp, see
// scripts/lib/openapi-document.ts): lint-clean under Spectral `spectral:oas`, Redocly `recommended`
// and Atoll's own rules, and the runner's committed client types generated from exactly it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, clientTypesFor } from '../../scripts/lib/openapi-client-types';
import { servedOpenApiText } from '../../scripts/lib/openapi-document';
import { formatFinding, type LintFinding, lintOpenApi, lintSummary } from '../../scripts/lib/openapi-lint';
import { root } from './runner-stack';

let text: string;
beforeAll(async () => {
  text = await servedOpenApiText();
});

const errorsOf = (findings: LintFinding[]) => findings.filter((f) => f.severity === 'error');

describe('the served OpenAPI document', () => {
  it('has no lint errors (Spectral spectral:oas, Redocly recommended, Atoll rules)', async () => {
    const findings = await lintOpenApi(text);
    const errors = errorsOf(findings);
    expect(errors.length, `${lintSummary(findings)}\n${errors.map(formatFinding).join('\n')}`).toBe(0);
  });

  it('fails the lint when a convention breaks', async () => {
    const doc = JSON.parse(text);
    const register = doc.paths['/api/v1/auth/register'].post;
    delete register.security;
    delete register.responses['201'].headers.Location;
    delete register.description;
    const projects = doc.paths['/api/v1/projects'].post;
    projects.parameters[0] = doc.components.parameters.TenantId;
    projects.responses['404'] = doc.components.responses.NotFound;
    delete projects.responses['201'].headers['x-request-id'];
    delete projects.responses['201'].headers['RateLimit-Limit'];
    doc.components.responses.TooManyRequests.headers = {};
    delete doc.paths['/api/v1/files/content'].get.responses['206'].headers['Content-Range'];
    doc.components.schemas.AuthUser.properties.createdAt.format = undefined;
    doc.components.schemas.AuthUser.properties.email.format = undefined;
    const rules = new Set(errorsOf(await lintOpenApi(JSON.stringify(doc))).map((f) => `${f.linter}/${f.rule}`));
    expect([...rules].sort()).toEqual(
      expect.arrayContaining([
        'atoll/atoll-date-time-format',
        'atoll/atoll-email-format',
        'atoll/atoll-location-header',
        'atoll/atoll-problem-response-shared',
        'atoll/atoll-range-headers',
        'atoll/atoll-rate-limit-headers',
        'atoll/atoll-request-id-header',
        'atoll/atoll-retry-after-header',
        'atoll/atoll-security-declared',
        'atoll/atoll-tenant-parameter-shared',
        'spectral/operation-description',
      ]),
    );
  });
});

describe("the runner's generated client types", () => {
  it(`are up to date with the served document (else run \`npm run openapi:client\` and commit ${CLIENT_TYPES_FILE})`, async () => {
    const committed = readFileSync(join(root, CLIENT_TYPES_FILE), 'utf8');
    const expected = await clientTypesFor(text);
    // Compare the digest line first: a short, readable failure for the usual case.
    const digest = (file: string) => /openApiDigest = '([0-9a-f]+)'/.exec(file)?.[1];
    expect(digest(committed), `${CLIENT_TYPES_FILE} was generated from another document: run \`npm run openapi:client\``).toBe(digest(expected));
    expect(committed === expected, `${CLIENT_TYPES_FILE} differs from what \`npm run openapi:client\` generates`).toBe(true);
  });
});
