import type { FieldError } from '../worker/errors';
import type { Problem } from '../worker/http/problem';
import { fieldLabel, plainDetail, wordsFor } from './error-words';

/** A problem's failing fields as a list with labels (`data-field` lets the page use the form's own label). */
export function FieldErrorList({ errors }: { errors: FieldError[] | undefined }) {
  if (!errors || errors.length === 0) return null;
  return (
    <ul class="field-errors">
      {errors.map((e) => {
        const label = fieldLabel(e);
        return label ? (
          <li data-field={e.location === 'body' ? e.path : undefined}>
            <span class="field-label">{label}</span>: {e.message}
          </li>
        ) : (
          <li>{e.message}</li>
        );
      })}
    </ul>
  );
}

/** The request id on a line of its own, to quote when asking for help. */
export const RequestIdLine = ({ requestId }: { requestId: string }) => (
  <p class="request-id">
    Request id: <code>{requestId}</code>
  </p>
);

/**
 * What an HTMX request gets instead of problem+json: a flash in plain words (the error code only in
 * `data-code`), placed by the form that failed (views/public/static/flash.js).
 */
export function renderErrorPartial(problem: Problem) {
  const words = wordsFor(problem.status);
  return (
    <div class="alert alert-error" role="alert" data-status={String(problem.status)} data-code={problem.code}>
      <p>
        <strong>{words.title}.</strong> {plainDetail(problem) ?? words.explanation}
      </p>
      <FieldErrorList errors={problem.errors} />
      <RequestIdLine requestId={problem.requestId} />
    </div>
  );
}
