import { API_PREFIX } from './mount-routes';

/**
 * The URL of a resource under the API (plugin paths are relative to `/api/v1`), e.g. for the
 * `Location` header of a 201: every 201 that creates a resource sends one.
 *
 * @example
 * return c.json(presentProject(project), 201, { location: apiUrl(`/projects/${project.id}`) });
 */
export const apiUrl = (path: string) => `${API_PREFIX}${path}`;
