import { getDb, type HomeSource } from 'atoll/plugin';
import { listDatasetInfos } from '../services/describe-dataset';

/** The datasets plugin on the home page: the "upload a dataset" step and the newest datasets. */
export const datasetsHome: HomeSource = async (c, tenant) => {
  const step = { order: 20, label: 'Upload a dataset', href: '/app/datasets' };
  if (!tenant) return { steps: [{ ...step, done: false }] };
  const { items } = await listDatasetInfos({ db: getDb(c), tenantId: tenant.id, limit: 5 });
  return {
    steps: [{ ...step, done: items.length > 0 }],
    recent: items.map((d) => ({ kind: 'Dataset', label: d.name, href: `/app/datasets/${d.id}`, at: d.updatedAt })),
  };
};
