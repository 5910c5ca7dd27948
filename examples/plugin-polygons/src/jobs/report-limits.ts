/** Rows an area report lists (the largest polygons); its totals cover every polygon. */
export const AREA_REPORT_MAX_ROWS = 1000;
