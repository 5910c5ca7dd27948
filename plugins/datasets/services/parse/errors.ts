/**
 * A problem with the file as a whole (not one row): the run ends with status `error` and this
 * message, and no rows are kept. Retrying cannot fix it, so the consumer acknowledges the message.
 */
export class SourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceError';
  }
}

/** Longest record (CSV) or element (JSON), in UTF-16 code units: about 1 MiB of text. */
export const MAX_RECORD_CHARS = 1024 * 1024;
/** Most columns of a CSV header. */
export const MAX_COLUMNS = 1000;
