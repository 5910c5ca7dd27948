import { definePage, definePlugin } from 'atoll/plugin';
import { polygonsJobs } from './jobs/area-report';
import { noteRoutes } from './routes/notes';
import { polygonRoutes } from './routes/polygons';
import { areaTool } from './tools/area-tool';
import { createPolygonFromForm } from './views/create-from-form';
import { polygonsPage } from './views/polygons-page';

export { PolygonsErrorCode } from './errors';
export type { PolygonGeometry, Position } from './geometry/polygon-geometry';
export { LIMITS as POLYGON_LIMITS } from './geometry/polygon-geometry';
export { AREA_REPORT } from './jobs/area-report';
export type { AreaReport } from './jobs/area-report-schema';

/**
 * Polygons: a tenant's GeoJSON polygons and notes on them (`/api/v1/polygons`), drawn on the page
 * `/app/polygons`, measured by the chat tool `polygons_area` and reported by the job type
 * `polygons.area-report`. Built only on `atoll/plugin*`; roles, scopes and limits: README.md.
 *
 * @example
 * export default createAtoll({ plugins: () => [authPlugin(), tenantsPlugin(), polygonsPlugin()] });
 */
export const polygonsPlugin = definePlugin(() => ({
  id: 'polygons',
  version: '0.1.0',
  description: 'GeoJSON polygons of a tenant, with notes, a map page, an area tool and an area report job',
  host: '^0.1.0',
  requires: ['tenants'],
  // A file: URL computed from this file, so the migrations are found wherever the package is installed.
  // Only Node (the migrate command) reads it: in a Worker bundle `import.meta.url` is undefined
  // (workerd's import.meta is empty, cloudflare/workerd#2963).
  migrations: import.meta.url ? new URL('../migrations/', import.meta.url).href : undefined,
  routes: () => [...polygonRoutes(), ...noteRoutes()],
  views: () => [
    definePage({ path: '/polygons', title: 'Polygons', nav: { label: 'Polygons', order: 60 }, access: { tenantRole: 'viewer' }, render: polygonsPage }),
    definePage({ path: '/polygons', method: 'post', title: 'Polygons', access: { tenantRole: 'member' }, render: createPolygonFromForm }),
  ],
  jobs: polygonsJobs,
  chatTools: [areaTool],
}));
