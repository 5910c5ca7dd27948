import { z } from 'atoll/plugin';
import { AREA_REPORT_MAX_ROWS } from './report-limits';

/** The result of a `polygons.area-report` job, as the runner reports it and the Worker validates it. */
export const AreaReportSchema = z.object({
  polygonCount: z.number().int().nonnegative(),
  totalSquareMeters: z.number().nonnegative(),
  /** The largest polygons first, at most `AREA_REPORT_MAX_ROWS`. */
  polygons: z.array(z.object({ id: z.uuid(), name: z.string(), areaSquareMeters: z.number().nonnegative() })).max(AREA_REPORT_MAX_ROWS),
  /** More polygons exist than `polygons` lists. */
  truncated: z.boolean(),
});

export type AreaReport = z.infer<typeof AreaReportSchema>;
