import { safeNextPath } from 'atoll/plugin';

export function ErrorAlert({ message, items }: { message: string | undefined; items?: string[] | undefined }) {
  if (!message) return null;
  return (
    <div class="alert alert-error" role="alert" id="form-error">
      {message}
      {items && items.length > 0 ? (
        <ul>
          {items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A form field as text, whatever the body held. */
export const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');

/** Where to go after signing in or registering: a same-origin relative path, otherwise the home page. */
export const safeNext = (next: string): string => safeNextPath(next, '/');

/** `path` carrying `next` along (left off when it is the home page). */
export const withNext = (path: string, next: string): string => (next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`);
