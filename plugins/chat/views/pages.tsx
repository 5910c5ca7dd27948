import { definePage, type PageDefinition, type PluginContext } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import { AssistantPage, AssistantsPage, createAssistantFromForm, deleteAssistantFromForm, updateAssistantFromForm } from './assistants-page';
import { SessionPage, TranscriptPartial } from './session-page';
import { deleteSessionFromForm, newSessionFromForm, renameSessionFromForm, SessionsPage } from './sessions-page';

const VIEWER = { tenantRole: 'viewer' } as const;
const ADMIN = { tenantRole: 'admin' } as const;

/**
 * The assistant's pages under `/app/chat`: a user's own chats (any role, as the API), and the
 * tenant's assistants for admins. The assistants' paths come first: `/chat/:id` would match them.
 */
export const chatPages = (plugin: PluginContext<ChatConfig>): PageDefinition[] => [
  definePage({ path: '/chat/assistants', title: 'Assistants', access: ADMIN, render: (c) => AssistantsPage(c, plugin) }),
  definePage({ path: '/chat/assistants', method: 'post', title: 'Assistants', access: ADMIN, render: (c) => createAssistantFromForm(c, plugin) }),
  definePage({ path: '/chat/assistants/:id', title: 'Assistant', access: ADMIN, render: (c) => AssistantPage(c, plugin) }),
  definePage({ path: '/chat/assistants/:id', method: 'post', title: 'Assistant', access: ADMIN, render: (c) => updateAssistantFromForm(c, plugin) }),
  definePage({ path: '/chat/assistants/:id/delete', method: 'post', title: 'Assistant', access: ADMIN, render: (c) => deleteAssistantFromForm(c, plugin) }),
  definePage({ path: '/chat', title: 'Assistant', nav: { label: 'Assistant', order: 55 }, access: VIEWER, render: (c) => SessionsPage(c, plugin) }),
  definePage({ path: '/chat', method: 'post', title: 'Assistant', access: VIEWER, render: newSessionFromForm }),
  definePage({ path: '/chat/:id', title: 'Chat', access: VIEWER, render: (c) => SessionPage(c, plugin.config) }),
  definePage({ path: '/chat/:id/transcript', title: 'Chat', partial: true, access: VIEWER, render: TranscriptPartial }),
  definePage({ path: '/chat/:id/rename', method: 'post', title: 'Chat', access: VIEWER, render: renameSessionFromForm }),
  definePage({ path: '/chat/:id/delete', method: 'post', title: 'Chat', access: VIEWER, render: deleteSessionFromForm }),
];
