import { conflict, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the projects plugin returns. */
export const ProjectsErrorCode = {
  NOT_FOUND: 'PROJECTS_NOT_FOUND',
  NAME_TAKEN: 'PROJECTS_NAME_TAKEN',
  NOT_EMPTY: 'PROJECTS_NOT_EMPTY',
  INVALID_CURSOR: 'PROJECTS_INVALID_CURSOR',
} as const;

export const projectNotFound = () => notFound(ProjectsErrorCode.NOT_FOUND, 'No such project in this tenant');
export const nameTaken = (name: string) => conflict(ProjectsErrorCode.NAME_TAKEN, `A project named "${name}" already exists in this tenant`);
export const projectNotEmpty = (count: number) => conflict(ProjectsErrorCode.NOT_EMPTY, `The project still holds ${count} item(s); delete them first or pass ?force=true to delete them with it`);
/** The same refusal for a person on the project page, whose delete form has a box for it. */
export const projectNotEmptyOnPage = () =>
  conflict(ProjectsErrorCode.NOT_EMPTY, 'The project still holds artifacts. To delete them with it, tick “Also delete its artifacts and their content” and press Delete project again.');
export const invalidCursor = (message = 'Invalid cursor') => validationFailed(ProjectsErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message }]);

/** Postgres unique violation (SQLSTATE 23505), through drizzle's wrapping. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}
