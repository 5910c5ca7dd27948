/**
 * A typed handle on a service: one plugin provides it in `setup`, the plugins that require it read
 * it with `ctx.service(ref)`. Typed handles let plugins share services without importing each other.
 *
 * @example
 * export const projectsServiceRef: ServiceRef<ProjectsService> = createServiceRef<ProjectsService>({ id: 'projects.projects' });
 */
export interface ServiceRef<T> {
  readonly kind: 'service';
  readonly id: string;
  /** The namespace that may provide it: the part of `id` before the first dot. */
  readonly owner: string;
  /** Type carrier only; never set. */
  readonly __type?: T;
}

/**
 * A typed handle on an extension point: its owner registers it in `setup`, the plugins that require
 * the owner extend it during their own `setup` with `ctx.extensionPoint(point)`.
 *
 * @example
 * export const projectsPageExtension: ExtensionPoint<ProjectsPageExtension> = createExtensionPoint<ProjectsPageExtension>({ id: 'projects.page' });
 */
export interface ExtensionPoint<T> {
  readonly kind: 'extension-point';
  readonly id: string;
  readonly owner: string;
  readonly __type?: T;
}

const REF_ID = /^[a-z][a-z0-9-]*\.[a-zA-Z][\w.-]*$/;

function ownerOf(id: string): string {
  if (!REF_ID.test(id)) throw new TypeError(`Reference id "${id}" must look like "<plugin-id>.<name>"`);
  return id.slice(0, id.indexOf('.'));
}

/**
 * @example
 * export const usersServiceRef = createServiceRef<UsersService>({ id: 'auth.users' });
 */
export function createServiceRef<T>(options: { id: string }): ServiceRef<T> {
  return { kind: 'service', id: options.id, owner: ownerOf(options.id) };
}

/**
 * @example
 * export const navExtensionPoint = createExtensionPoint<{ addLink(link: Link): void }>({ id: 'ui.nav' });
 */
export function createExtensionPoint<T>(options: { id: string }): ExtensionPoint<T> {
  return { kind: 'extension-point', id: options.id, owner: ownerOf(options.id) };
}
