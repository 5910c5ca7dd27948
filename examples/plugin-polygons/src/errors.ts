import { type FieldError, forbidden, notFound, validationFailed } from 'atoll/plugin';

/** Every error code the polygons plugin returns. */
export const PolygonsErrorCode = {
  NOT_FOUND: 'POLYGONS_NOT_FOUND',
  NOTE_NOT_FOUND: 'POLYGONS_NOTE_NOT_FOUND',
  INVALID_GEOMETRY: 'POLYGONS_INVALID_GEOMETRY',
  INVALID_CURSOR: 'POLYGONS_INVALID_CURSOR',
  NOT_CREATOR: 'POLYGONS_NOT_CREATOR',
  NOT_NOTE_AUTHOR: 'POLYGONS_NOT_NOTE_AUTHOR',
} as const;

export const polygonNotFound = () => notFound(PolygonsErrorCode.NOT_FOUND, 'No such polygon in this tenant');
export const noteNotFound = () => notFound(PolygonsErrorCode.NOTE_NOT_FOUND, 'No such note on this polygon');
export const invalidGeometry = (errors: FieldError[]) => validationFailed(PolygonsErrorCode.INVALID_GEOMETRY, `The polygon is not valid: ${errors[0]?.message ?? 'see errors'}`, errors);
export const invalidCursor = () =>
  validationFailed(PolygonsErrorCode.INVALID_CURSOR, 'The cursor is invalid', [{ location: 'query', path: 'cursor', message: 'Use the nextCursor of the previous page' }]);
export const notCreator = () => forbidden(PolygonsErrorCode.NOT_CREATOR, "Only the polygon's creator or a tenant admin may change or delete it");
export const notNoteAuthor = () => forbidden(PolygonsErrorCode.NOT_NOTE_AUTHOR, "Only the note's author or a tenant admin may change or delete it");
