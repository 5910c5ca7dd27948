import { type AppContext, multipart, redirectTo, validateForm } from 'atoll/plugin';
import type { DatasetRow } from '../db/schema';
import type { DatasetsDeps } from '../deps';
import { badUpload, DatasetsErrorCode } from '../errors';
import { CreateDatasetBody } from '../routes/schemas';
import { serviceCtx } from '../services/context';
import { createDatasetWithFile } from '../services/create-dataset-with-file';
import { noFilePart } from '../services/upload-source';

const { boundaryOf, parseMultipart, readField } = multipart(DatasetsErrorCode.BAD_UPLOAD);
const UploadFields = CreateDatasetBody.pick({ name: true, kind: true, format: true, description: true });
const MAX_FIELDS = 10;

/**
 * The upload form: a real multipart post to `/app/datasets` that htmx sends (boosted), with the
 * progress bar moved by app.js as the file goes out. After an upload it comes back saying so and
 * naming the dataset, whose row datasets.js then shows (even when the socket missed its events).
 */
export function UploadForm({ maxBytes, uploaded }: { maxBytes: number; uploaded?: DatasetRow | undefined }) {
  return (
    <form
      class="stack"
      id="dataset-upload"
      method="post"
      action="/app/datasets"
      enctype="multipart/form-data"
      hx-target="this"
      hx-swap="outerHTML"
      hx-disabled-elt="find button[type=submit]"
      data-uploaded={uploaded?.id}
    >
      <h2>Upload a dataset</h2>
      <label for="dataset-name">
        Name <small class="muted">a letter, then letters, digits or _; SQL refers to it</small>
        <input id="dataset-name" name="name" required maxlength={63} pattern="[A-Za-z][A-Za-z0-9_]{0,62}" />
      </label>
      <label for="dataset-kind">
        Kind
        <select id="dataset-kind" name="kind">
          <option value="auto">guess from the header (metric only for metric,value,timestamp)</option>
          <option value="metric">metric (metric,value,timestamp)</option>
          <option value="table">table (any CSV with a header)</option>
        </select>
      </label>
      <label for="dataset-format">
        Format
        <select id="dataset-format" name="format">
          <option value="csv">CSV</option>
          <option value="json">JSON array (metric only)</option>
        </select>
      </label>
      <label for="dataset-description">
        Description <small class="muted">optional</small>
        <input id="dataset-description" name="description" maxlength={2000} />
      </label>
      <label for="dataset-file">
        File <small class="muted">at most {Math.floor(maxBytes / 1024 / 1024)} MiB here; larger files through the API's presigned upload</small>
        <input id="dataset-file" name="file" type="file" accept=".csv,.json,text/csv,application/json" required />
      </label>
      <button type="submit">Upload and ingest</button>
      <label for="dataset-upload-progress">
        Upload<progress id="dataset-upload-progress" data-upload-progress max="100" value={uploaded ? '100' : '0'}></progress>
      </label>
      <p id="dataset-upload-status" role="status" aria-live="polite">
        {uploaded ? `${uploaded.name} uploaded; ingestion queued.` : ''}
      </p>
    </form>
  );
}

/**
 * POST `/app/datasets`: the upload form, streamed. The text fields come first (browsers send the
 * form's fields in order), then the file flows to storage as it arrives. htmx gets the form back
 * (the list follows over the realtime socket, so the page is not reloaded); a plain post is
 * redirected to the list.
 */
export async function uploadDatasetFromForm(c: AppContext, deps: DatasetsDeps) {
  const boundary = boundaryOf(c.req.header('content-type'));
  const body = c.req.raw.body;
  if (!body) throw noFilePart();
  const fields: Record<string, string> = {};
  let dataset: DatasetRow | undefined;
  try {
    for await (const part of parseMultipart(body, boundary)) {
      if (dataset) continue; // what follows the file (app.js's _csrf) is skipped by the parser
      if (part.filename === undefined) {
        if (Object.keys(fields).length >= MAX_FIELDS) throw badUpload(`At most ${MAX_FIELDS} form fields`, [{ location: 'body', path: part.name, message: 'Too many fields' }]);
        fields[part.name] = await readField(part);
        continue;
      }
      if (part.name !== 'file' || part.filename === '') throw noFilePart();
      const form = validateForm(UploadFields, fields);
      dataset = await createDatasetWithFile({ ctx: serviceCtx(c, deps), input: { dataset: { ...form, description: form.description || undefined }, file: part.body } });
    }
  } catch (error) {
    throw c.get('bodyLimitExceeded') ?? error;
  }
  if (!dataset) throw noFilePart();
  if (c.req.header('hx-request') !== 'true') return redirectTo(c, '/app/datasets', { notice: 'dataset-uploaded' });
  return <UploadForm maxBytes={deps.config.maxDirectUploadBytes} uploaded={dataset} />;
}
