// Lints an OpenAPI document with Spectral's `spectral:oas` ruleset (plus Atoll's own rules,
// openapi-ruleset.ts) and Redocly's `recommended` ruleset, both in process and offline (the
// document's $refs are all local). Spectral's packages are CommonJS: their default import is the
// module object in Node and in vitest alike.
import { createConfig, lintFromString, type NormalizedProblem } from '@redocly/openapi-core';
import spectralCore, { type ISpectralDiagnostic } from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import spectralRulesets from '@stoplight/spectral-rulesets';
import { atollRules } from './openapi-ruleset';

export type LintSeverity = 'error' | 'warning' | 'info' | 'hint';

/** One finding, the same shape for both linters. */
export interface LintFinding {
  /** `atoll`: our own rules, run by Spectral. */
  linter: 'spectral' | 'redocly' | 'atoll';
  severity: LintSeverity;
  rule: string;
  message: string;
  /** JSON pointer into the document, e.g. `#/paths/~1api~1v1~1jobs/post`. */
  at: string;
}

// Spectral's DiagnosticSeverity: 0 error, 1 warning, 2 information, 3 hint.
const SPECTRAL_SEVERITY: LintSeverity[] = ['error', 'warning', 'info', 'hint'];
const REDOCLY_SEVERITY: Record<NormalizedProblem['severity'], LintSeverity> = { error: 'error', warn: 'warning' };

const pointer = (path: readonly (string | number)[]) => `#/${path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;

async function spectralFindings(text: string): Promise<LintFinding[]> {
  const spectral = new spectralCore.Spectral();
  spectral.setRuleset({ extends: [[spectralRulesets.oas as never, 'recommended']], rules: atollRules });
  const results: ISpectralDiagnostic[] = await spectral.run(new spectralCore.Document(text, spectralParsers.Json, 'openapi.json'));
  return results.map((r) => ({
    linter: String(r.code).startsWith('atoll-') ? 'atoll' : 'spectral',
    severity: SPECTRAL_SEVERITY[r.severity] ?? 'error',
    rule: String(r.code),
    message: r.message,
    at: pointer(r.path),
  }));
}

async function redoclyFindings(text: string): Promise<LintFinding[]> {
  const config = await createConfig({ extends: ['recommended'] });
  const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
  return problems.filter((p) => !p.ignored).map((p) => ({ linter: 'redocly', severity: REDOCLY_SEVERITY[p.severity], rule: p.ruleId, message: p.message, at: p.location[0]?.pointer ?? '#/' }));
}

/**
 * Both linters' findings, errors first.
 *
 * @example
 * const findings = await lintOpenApi(JSON.stringify(doc));
 * const errors = findings.filter((f) => f.severity === 'error');
 */
export async function lintOpenApi(text: string): Promise<LintFinding[]> {
  const findings = [...(await spectralFindings(text)), ...(await redoclyFindings(text))];
  const rank: LintSeverity[] = ['error', 'warning', 'info', 'hint'];
  return findings.sort((a, b) => rank.indexOf(a.severity) - rank.indexOf(b.severity));
}

/** Counts per linter and severity, e.g. `spectral: 0 errors, 2 warnings; redocly: 0 errors, 4 warnings; atoll: 0 errors, 0 warnings`. */
export function lintSummary(findings: readonly LintFinding[]): string {
  return (['spectral', 'redocly', 'atoll'] as const)
    .map((linter) => {
      const own = findings.filter((f) => f.linter === linter);
      const count = (severity: LintSeverity) => own.filter((f) => f.severity === severity).length;
      return `${linter}: ${count('error')} errors, ${count('warning')} warnings`;
    })
    .join('; ');
}

/** One line per finding: `error spectral/oas3-schema #/paths/... message`. */
export const formatFinding = (f: LintFinding) => `${f.severity} ${f.linter}/${f.rule} ${f.at} ${f.message}`;
