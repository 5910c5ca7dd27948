import { MAX_METADATA_BYTES } from '../config';
import { metadataTooLarge } from '../errors';

/** Refuses metadata whose JSON is over the limit (413), before it reaches the database. */
export function checkMetadataSize(metadata: Record<string, unknown> | undefined): void {
  if (metadata === undefined) return;
  const bytes = new TextEncoder().encode(JSON.stringify(metadata)).length;
  if (bytes > MAX_METADATA_BYTES) throw metadataTooLarge(MAX_METADATA_BYTES);
}

/** Tags without duplicates, in the order given. */
export const uniqueTags = (tags: readonly string[]) => [...new Set(tags)];
