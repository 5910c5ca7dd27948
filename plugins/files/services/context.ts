import type { AppContext, ObjectStorage, Principal } from 'atoll/plugin';

/** Who performs a change, as the audit log records it. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
}

/** What every files service gets: storage, the tenant it acts in, and the request (audit rows). */
export interface FilesContext {
  storage: ObjectStorage;
  tenantId: string;
  actor: Actor;
  request: AppContext;
  maxUploadBytes: number;
}

export const actorOf = (principal: Principal | undefined): Actor =>
  !principal ? { type: 'system', id: null } : principal.kind === 'user' ? { type: 'user', id: principal.userId } : { type: 'api_key', id: principal.keyId };
