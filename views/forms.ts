import type { Context } from 'hono';
import type { z } from 'zod';
import { KernelErrorCode } from '../worker/error-codes';
import { AtollError } from '../worker/errors';
import { fieldErrors } from '../worker/http/problem';
import { type NoticeKey, setNotice } from './notices';

/**
 * The fields of a page's form post, validated; a failure is a 400 naming each field.
 *
 * @example
 * const form = await parseForm(c, z.object({ name: z.string().trim().min(1).max(100) }));
 * const project = await createProject({ ctx: { db: getDb(c) }, input: { tenantId: getTenant(c).id, name: form.name } });
 */
export async function parseForm<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  return validateForm(schema, await c.req.parseBody());
}

/**
 * Form fields read another way (e.g. the text fields before a streamed file part), validated like `parseForm`.
 *
 * @example
 * const fields = Object.entries(await c.req.parseBody()).filter(([field]) => field.startsWith('type:'));
 * const form = validateForm(ColumnTypesForm, Object.fromEntries(fields));
 */
export function validateForm<T extends z.ZodType>(schema: T, fields: unknown): z.output<T> {
  const result = schema.safeParse(fields);
  if (!result.success) {
    throw new AtollError('validation', KernelErrorCode.VALIDATION, 'The form is invalid', { errors: fieldErrors(result.error, 'form') });
  }
  return result.data;
}

export interface RedirectOptions {
  /** A success message the next page shows once, in the layout's status area (a fixed text: `NOTICES`). */
  notice?: NoticeKey;
}

/**
 * Page posts answer htmx (boosted forms) and plain browsers alike with a redirect.
 *
 * @example
 * return redirectTo(c, `/app/projects/${project.id}`, { notice: 'project-created' });
 */
export function redirectTo(c: Context, location: string, options: RedirectOptions = {}): Response {
  if (options.notice) setNotice(c, options.notice);
  if (c.req.header('hx-request') === 'true') {
    c.header('hx-redirect', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
