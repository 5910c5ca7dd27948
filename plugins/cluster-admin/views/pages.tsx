import { definePage, type PageDefinition } from 'atoll/plugin';
import type { ClusterDeps } from '../routes/cluster';
import { ClusterPage, RedeployConfirmPage, redeployFromForm, scaleFromForm } from './cluster-page';

const ADMINS = { platformAdmin: true } as const;

/** The cluster admin page and its form posts (platform admins only; no navigation entry for others to trip on). */
export const clusterPages = (deps: ClusterDeps): PageDefinition[] => [
  definePage({ path: '/admin/cluster', title: 'Cluster', access: ADMINS, render: (c) => ClusterPage(c, deps) }),
  definePage({ path: '/admin/cluster/scale', method: 'post', title: 'Cluster', access: ADMINS, render: (c) => scaleFromForm(c, deps) }),
  definePage({ path: '/admin/cluster/redeploy', title: 'Redeploy the cluster', access: ADMINS, render: (c) => RedeployConfirmPage(c, deps) }),
  definePage({ path: '/admin/cluster/redeploy', method: 'post', title: 'Cluster', access: ADMINS, render: (c) => redeployFromForm(c, deps) }),
];
