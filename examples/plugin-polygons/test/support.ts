// Shared fixtures of the polygons tests (not a test file itself).
import { expect } from 'vitest';

/** A square of 0.1° near Townsville, closed, counter-clockwise. */
export const SQUARE = [
  [146.8, -19.3],
  [146.9, -19.3],
  [146.9, -19.2],
  [146.8, -19.2],
  [146.8, -19.3],
];

/** A hole well inside SQUARE. */
export const HOLE = [
  [146.82, -19.28],
  [146.82, -19.22],
  [146.88, -19.22],
  [146.88, -19.28],
  [146.82, -19.28],
];

export const polygonBody = (name: string, rings: number[][][] = [SQUARE]) => ({ name, geometry: { type: 'Polygon', coordinates: rings } });

/** Asserts a response's status (and problem code), printing the body when they differ; returns the JSON body. */
export async function expectStatus<T = any>(res: Response, status: number, code?: string): Promise<T> {
  const text = await res.text();
  const body = text ? JSON.parse(text) : undefined;
  expect({ status: res.status, code: code ? body?.code : undefined }, text).toEqual({ status, code });
  if (status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
  return body as T;
}
