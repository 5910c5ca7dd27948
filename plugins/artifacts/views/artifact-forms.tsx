import { type AppContext, getTenant, multipart, parseForm, redirectTo, z } from 'atoll/plugin';
import { ARTIFACT_STATUSES, type ArtifactRow } from '../db/schema';
import { ArtifactsErrorCode, noFile } from '../errors';
import { type ArtifactsDeps, serviceCtx } from '../routes/deps';
import { CreateUploadBody, Status, TagsField } from '../routes/schemas';
import { addVersion } from '../services/add-version';
import { updateArtifact } from '../services/update-artifact';

const { boundaryOf, parseMultipart } = multipart(ArtifactsErrorCode.BAD_UPLOAD);
const ContentType = CreateUploadBody.shape.contentType.unwrap();

const EditForm = z.object({
  status: Status,
  tags: TagsField,
});

/** Status and tags, changed in one post (members). */
export function EditArtifactForm({ artifact }: { artifact: ArtifactRow }) {
  return (
    <form class="stack" method="post" action={`/app/artifacts/${artifact.id}/edit`} id="edit-artifact">
      <h3>Status and tags</h3>
      <label for="artifact-status">
        Status
        <select id="artifact-status" name="status">
          {ARTIFACT_STATUSES.map((s) => (
            <option value={s} selected={s === artifact.status}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label for="artifact-tags">
        Tags <small class="muted">comma-separated, at most 20</small>
        <input id="artifact-tags" name="tags" maxlength={2000} value={artifact.tags.join(', ')} />
      </label>
      <button type="submit">Save</button>
    </form>
  );
}

/** A file becomes the next version (members); the bar follows the bytes sent (app.js). */
export function UploadVersionForm({ artifact, maxBytes }: { artifact: ArtifactRow; maxBytes: number }) {
  return (
    <form class="stack" method="post" action={`/app/artifacts/${artifact.id}/versions`} enctype="multipart/form-data" id="upload-version" hx-disabled-elt="find button[type=submit]">
      <h3>Upload a new version</h3>
      <label for="version-file">
        File{' '}
        <small class="muted">
          at most {Math.floor(maxBytes / 1024 / 1024)} MiB; it becomes v{artifact.latestVersion + 1}
        </small>
        <input id="version-file" name="file" type="file" required />
      </label>
      <button type="submit">Upload</button>
      <label for="version-progress">
        Upload<progress id="version-progress" data-upload-progress max="100" value="0"></progress>
      </label>
    </form>
  );
}

const artifactIdOf = (c: AppContext) => {
  const id = z.string().uuid().safeParse(c.req.param('id'));
  // A malformed id can match no artifact: the nil UUID gives the same 404 as an unknown one.
  return id.success ? id.data : '00000000-0000-0000-0000-000000000000';
};

/** POST `/app/artifacts/:id/edit`: saves status and tags and shows the artifact again. */
export async function editArtifactFromForm(c: AppContext, deps: ArtifactsDeps) {
  const artifactId = artifactIdOf(c);
  const form = await parseForm(c, EditForm);
  await updateArtifact({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId, changes: form } });
  return redirectTo(c, `/app/artifacts/${artifactId}`, { notice: 'artifact-updated' });
}

/** POST `/app/artifacts/:id/versions`: streams the file part to storage as the next version. */
export async function uploadVersionFromForm(c: AppContext, deps: ArtifactsDeps) {
  const artifactId = artifactIdOf(c);
  const boundary = boundaryOf(c.req.header('content-type'));
  const body = c.req.raw.body;
  if (!body) throw noFile();
  let added = false;
  try {
    for await (const part of parseMultipart(body, boundary)) {
      if (added || part.name !== 'file') {
        await part.body.cancel();
        continue;
      }
      if (!part.filename) throw noFile();
      const type = ContentType.safeParse(part.contentType);
      await addVersion({ ctx: serviceCtx(c, deps), input: { tenantId: getTenant(c).id, artifactId, body: part.body, contentType: type.success ? type.data : 'application/octet-stream' } });
      added = true;
    }
  } catch (error) {
    throw c.get('bodyLimitExceeded') ?? error;
  }
  if (!added) throw noFile();
  return redirectTo(c, `/app/artifacts/${artifactId}`, { notice: 'artifact-version-added' });
}
