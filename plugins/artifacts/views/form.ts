import { validationFailed, type AppContext, type z } from 'atoll/plugin';

/** The form fields of a page post, validated; failures are a 400 naming each field. */
export async function parseForm<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.output<T>> {
  const body = await c.req.parseBody();
  const result = schema.safeParse(body);
  if (!result.success) {
    throw validationFailed(
      'KERNEL_VALIDATION',
      'The form is invalid',
      result.error.issues.map((i) => ({ location: 'body', path: i.path.join('.') || '(root)', message: i.message })),
    );
  }
  return result.data;
}

/** Page posts answer htmx (boosted forms) and plain browsers alike with a redirect. */
export function redirectTo(c: AppContext, location: string): Response {
  if (c.req.header('hx-request') === 'true') {
    c.header('hx-redirect', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
