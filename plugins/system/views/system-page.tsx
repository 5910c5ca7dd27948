import type { SystemInfo } from '../services/describe-system';

/** The system page: host version, build, the installed plugins and the dependencies' status (Postgres, S3). */
export function SystemPage({ info }: { info: SystemInfo }) {
  return (
    <>
      <p>
        Atoll <strong>{info.version}</strong>, build <code>{info.build}</code>.
      </p>
      <div class="table-scroll" tabindex={0}>
        <table>
          <caption class="muted">Installed plugins, in boot order</caption>
          <thead>
            <tr>
              <th scope="col">Plugin</th>
              <th scope="col">Version</th>
              <th scope="col">Description</th>
            </tr>
          </thead>
          <tbody>
            {info.plugins.map((p) => (
              <tr>
                <td>{p.id}</td>
                <td>{p.version}</td>
                <td>{p.description ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Status</h2>
        <div hx-get="/partials/readiness" hx-trigger="load" hx-swap="innerHTML">
          <span class="muted">Checking dependencies…</span>
        </div>
      </section>
    </>
  );
}
