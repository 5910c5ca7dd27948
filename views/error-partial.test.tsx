import { describe, expect, it } from 'vitest';
import type { Problem } from '../worker/http/problem';
import { renderErrorPartial } from './error-partial';

const problem = (overrides: Partial<Problem>): Problem => ({
  type: 'urn:atoll:problem:conflict',
  title: 'Conflict',
  status: 409,
  detail: 'A project named "x" already exists in this tenant',
  code: 'PROJECTS_NAME_TAKEN',
  requestId: 'req-flash-0001',
  ...overrides,
});

const render = (p: Problem) => String(renderErrorPartial(p));

describe('renderErrorPartial', () => {
  it('says what happened in plain words first; the code only in data-code; the request id on its own line', () => {
    const html = render(problem({}));
    expect(html).toContain('<p><strong>That could not be done.</strong> A project named &quot;x&quot; already exists in this tenant</p>');
    expect(html).toContain('data-code="PROJECTS_NAME_TAKEN"');
    expect(html.replace(/data-code="[^"]*"/, '')).not.toContain('PROJECTS_NAME_TAKEN');
    expect(html).toMatch(/<p class="request-id">Request id: <code>req-flash-0001<\/code><\/p><\/div>$/);
  });

  it('lists failing fields with labels, and words API-only kernel details for a person', () => {
    const html = render(
      problem({
        status: 400,
        code: 'KERNEL_VALIDATION',
        detail: 'The form is invalid',
        errors: [
          { location: 'body', path: 'startsAt', message: 'Required' },
          { location: 'query', path: 'cursor', message: 'Invalid cursor' },
          { location: 'body', path: '(root)', message: 'Expected an object' },
        ],
      }),
    );
    expect(html).toContain('<li data-field="startsAt"><span class="field-label">Starts at</span>: Required</li>');
    expect(html).toContain('<li><span class="field-label">Cursor (in the address)</span>: Invalid cursor</li>');
    expect(html).toContain('<li>Expected an object</li>');
    const signedOut = render(problem({ status: 401, code: 'KERNEL_UNAUTHENTICATED', detail: 'Sign in, or send a valid bearer token' }));
    expect(signedOut).toContain('<strong>Please sign in.</strong> Your session has ended');
    expect(signedOut).not.toContain('bearer');
  });

  it('escapes what the client sent', () => {
    const html = render(problem({ detail: 'A project named "<script>alert(1)</script>" already exists', errors: [{ location: 'body', path: '<b>', message: '<img src=x>' }] }));
    expect(html).not.toMatch(/<script>|<img|<b>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x&gt;');
  });
});
