/** The dependency checks of `/health/ready`, as the system page shows them (loaded by htmx from `/partials/readiness`). */
export function ReadinessBadge({ checks }: { checks: Record<string, { status: string; error?: string }> }) {
  return (
    <ul class="checks">
      {Object.entries(checks).map(([name, check]) => (
        <li class={check.status === 'ok' ? 'ok' : 'fail'}>
          <span>{name}</span> <strong>{check.status === 'ok' ? 'ready' : `failing (${check.error ?? 'unknown'})`}</strong>
        </li>
      ))}
    </ul>
  );
}
