import { type AppContext, validationFailed, z } from 'atoll/plugin';

/**
 * A page's form post, validated, with every value of a repeated field (checkboxes, multiple
 * selects), which `parseForm` keeps only the last of. A failure is the same 400 `KERNEL_VALIDATION`
 * naming each field.
 */
export async function parseFormAll<T extends z.ZodType>(c: AppContext, schema: T): Promise<z.output<T>> {
  const result = schema.safeParse(await c.req.parseBody({ all: true }));
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ location: 'body', path: i.path.length > 0 ? i.path.join('.') : '(root)', message: i.message }));
    throw validationFailed('KERNEL_VALIDATION', 'The form is invalid', errors);
  }
  return result.data;
}

/** A repeated field as a list: absent is empty, one value is a list of one. */
export const manyOf = <T extends z.ZodType>(item: T, max: number) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));

/** One form value (a repeated field sent twice keeps its last value, as `parseForm` does). */
export const oneOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), item);

/** A path id that must be a UUID; anything else is simply not found. */
export const UUID = z.string().uuid();
