import type { Problem } from '../worker/http/problem';

/** What an HTMX request gets instead of problem+json: a small alert naming what went wrong. */
export function renderErrorPartial(problem: Problem) {
  return (
    <div class="alert alert-error" data-status={String(problem.status)} data-code={problem.code}>
      <strong>{problem.title}.</strong> {problem.detail}
      {problem.errors && problem.errors.length > 0 ? (
        <ul>
          {problem.errors.map((e) => (
            <li>{e.location === 'body' ? `${e.path}: ${e.message}` : `${e.location} ${e.path}: ${e.message}`}</li>
          ))}
        </ul>
      ) : null}
      <small> Request {problem.requestId}</small>
    </div>
  );
}
