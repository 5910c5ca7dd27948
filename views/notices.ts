import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The success messages a page post can leave for the next page. Only these fixed texts are ever
 * shown: the cookie carries a key, so nobody can put words on someone else's page.
 */
export const NOTICES = {
  'project-created': 'Project created.',
  'project-deleted': 'Project deleted.',
  'artifact-created': 'Artifact created.',
  'artifact-deleted': 'Artifact deleted.',
  'artifact-updated': 'Artifact updated.',
  'artifact-version-added': 'New version uploaded.',
  'tenant-created': 'Tenant created. You are working in it now.',
  'member-added': 'Member added.',
  'member-role-changed': 'Role changed.',
  'member-removed': 'Member removed.',
  'api-key-revoked': 'API key revoked.',
  'dataset-uploaded': 'Dataset uploaded. Ingestion runs in the background.',
  'dataset-deleted': 'Dataset deleted. Its name is free again.',
  'folder-created': 'Folder created.',
  'file-moved': 'Moved.',
  'file-deleted': 'Deleted.',
  'files-uploaded': 'Upload finished.',
  'dashboard-created': 'Dashboard created.',
  'dashboard-copied': 'Dashboard copied.',
  'dashboard-deleted': 'Dashboard deleted.',
  'dashboard-renamed': 'Dashboard saved.',
  'panel-added': 'Panel added.',
  'panel-saved': 'Panel saved.',
  'panel-moved': 'Panel moved.',
  'panel-resized': 'Panel resized.',
  'panel-not-moved': 'The panel cannot go further that way.',
  'panel-removed': 'Panel removed.',
  'job-created': 'Job queued.',
  'job-cancelled': 'Job cancelled.',
  'signed-out': 'You are signed out.',
  'assistant-created': 'Assistant created.',
  'assistant-saved': 'Assistant saved.',
  'assistant-deleted': 'Assistant deleted. Its chats go on with the default one.',
  'chat-started': 'Chat started. Ask your first question below.',
  'chat-renamed': 'Chat renamed.',
  'chat-deleted': 'Chat deleted.',
  'cluster-scaled': 'The desired count was changed. ECS starts or stops tasks to match.',
  'cluster-redeployed': 'A new deployment was started.',
} as const;

export type NoticeKey = keyof typeof NOTICES;

export const NOTICE_COOKIE = 'atoll_notice';
/** Long enough for the redirect to land; short enough that a lost notice never turns up much later. */
const NOTICE_MAX_AGE_SECONDS = 60;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);
const secure = (c: Context) => !LOOPBACK.has(new URL(c.req.url).hostname);

const isNoticeKey = (key: string | undefined): key is NoticeKey => key !== undefined && Object.hasOwn(NOTICES, key);

/** Leaves `key`'s message for the next page the browser shows (once). */
export function setNotice(c: Context, key: NoticeKey) {
  setCookie(c, NOTICE_COOKIE, key, { path: '/', sameSite: 'Lax', secure: secure(c), httpOnly: true, maxAge: NOTICE_MAX_AGE_SECONDS });
}

/** The pending message's fixed text, if any, and clears it so a reload does not show it again. */
export function takeNotice(c: Context): string | undefined {
  const key = getCookie(c, NOTICE_COOKIE);
  if (key === undefined) return undefined;
  deleteCookie(c, NOTICE_COOKIE, { path: '/', secure: secure(c) });
  return isNoticeKey(key) ? NOTICES[key] : undefined;
}
