import { z } from '@hono/zod-openapi';

/**
 * The field error message for text that is not well-formed Unicode.
 *
 * @example
 * if (!isWellFormedText(raw)) throw validationFailed('FILES_INVALID_PATH', 'The path is invalid', [{ location: 'query', path: 'path', message: NOT_WELL_FORMED }]);
 */
export const NOT_WELL_FORMED = 'Must be well-formed Unicode (no lone surrogates such as \\ud800)';

/**
 * Whether a string is well-formed UTF-16. JSON can carry a lone surrogate (`"\ud800"`) that no
 * UTF-8 consumer accepts: S3 key signing and URL encoding throw on it (a 503 or 500), Postgres
 * silently stores U+FFFD. Check text that reaches those before using it.
 *
 * @example
 * isWellFormedText('caf\u00e9'); // true
 * isWellFormedText('\ud800'); // false
 */
// workerd has String.prototype.isWellFormed (ES2024); the TypeScript lib here predates it.
export const isWellFormedText = (value: string): boolean => (value as string & { isWellFormed(): boolean }).isWellFormed();

/**
 * A zod string refused (400, naming the field) unless it is well-formed Unicode; chain further
 * checks as usual.
 *
 * @example
 * const Name = wellFormedString().trim().min(1).max(200);
 */
export const wellFormedString = () => z.string().refine(isWellFormedText, NOT_WELL_FORMED);

/**
 * `wellFormedString` that also refuses NUL (U+0000), which Postgres text cannot hold (a class 22
 * error instead of an answer): for text a service passes on as a query parameter.
 *
 * @example
 * const Query = storableString().trim().min(1).max(200);
 */
export const storableString = () => wellFormedString().refine((value) => !value.includes('\u0000'), 'Must not contain NUL (U+0000)');
