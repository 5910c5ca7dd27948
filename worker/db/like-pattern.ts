/**
 * A `LIKE` / `ILIKE` pattern for values containing `text`, with `%`, `_` and `\` in it matched
 * literally (backslash is Postgres' default `LIKE` escape). Pass it as a parameter, never as SQL text.
 *
 * @example
 * tx.select().from(projects).where(ilike(projects.name, containsPattern(q)));
 */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
