import { definePage, type PageDefinition } from 'atoll/plugin';
import { cancelJobFromForm, JobPage, JobPanelPartial } from './job-page';
import { JobRowsPartial, JobsPage } from './jobs-page';
import type { JobPagesDeps } from './names';
import { createJobFromForm, NewJobPage } from './new-job-page';

const VIEWER = { tenantRole: 'viewer' } as const;
const MEMBER = { tenantRole: 'member' } as const;

/**
 * The jobs pages: the list with live statuses, a job's detail (input, events, result downloads,
 * cancel), and the form that starts the built-in dataset jobs (`/app/jobs/new?datasetId=`).
 *
 * @example
 * views: (ctx) => jobPages({ ...jobsDeps(ctx), users: ctx.service(usersServiceRef) }),
 */
export const jobPages = (deps: JobPagesDeps): PageDefinition[] => [
  definePage({ path: '/jobs', title: 'Jobs', nav: { label: 'Jobs', order: 60 }, access: VIEWER, render: (c) => JobsPage(c, deps) }),
  definePage({ path: '/jobs/rows', title: 'Jobs', partial: true, access: VIEWER, render: (c) => JobRowsPartial(c, deps) }),
  definePage({ path: '/jobs/new', title: 'New job', access: MEMBER, render: (c) => NewJobPage(c, deps) }),
  definePage({ path: '/jobs/new', method: 'post', title: 'New job', access: MEMBER, render: (c) => createJobFromForm(c, deps) }),
  definePage({ path: '/jobs/:id', title: 'Job', access: VIEWER, render: (c) => JobPage(c, deps) }),
  definePage({ path: '/jobs/:id/panel', title: 'Job', partial: true, access: VIEWER, render: (c) => JobPanelPartial(c, deps) }),
  definePage({ path: '/jobs/:id/cancel', method: 'post', title: 'Job', access: MEMBER, render: (c) => cancelJobFromForm(c, deps) }),
];
