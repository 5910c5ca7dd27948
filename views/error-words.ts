import { AccessErrorCode } from '../worker/access/access-control';
import { KernelErrorCode } from '../worker/error-codes';
import type { FieldError } from '../worker/errors';
import type { Problem } from '../worker/http/problem';

// What a person reads when something fails on a page: problem+json's titles are for programs
// ("Unprocessable content"), these say what happened and what to do, keyed by HTTP status.
interface Words {
  /** Short, for a flash by a form. */
  title: string;
  /** The heading of a full error page, when it differs from `title`. */
  pageTitle?: string;
  /** One or two sentences: what it means and what to do next. */
  explanation: string;
}

const WORDS: Record<number, Words> = {
  400: { title: 'Please check what was entered', pageTitle: 'Something in the request is not right', explanation: 'Some values were missing or not acceptable. Check them and try again.' },
  401: { title: 'Please sign in', explanation: 'Your session has ended or you are not signed in. Sign in and try again.' },
  403: { title: 'Not allowed', pageTitle: 'You cannot see this page', explanation: 'Your account or your role in this tenant does not allow this. Ask an admin if you need it.' },
  404: {
    title: 'Not found',
    pageTitle: 'Page not found',
    explanation: 'There is nothing at this address: it may be mistyped, the item may have been deleted, or it belongs to a tenant you are not a member of.',
  },
  405: { title: 'Not possible here', pageTitle: 'This page cannot do that', explanation: 'This address exists, but not for this kind of request. Use the links and buttons on the pages instead.' },
  409: { title: 'That could not be done', explanation: 'It clashes with something that already exists or is still in use.' },
  413: { title: 'That is too large', explanation: 'What was sent is larger than allowed.' },
  422: { title: 'That could not be done', explanation: 'The request was understood but cannot be carried out as it is.' },
  429: { title: 'Too many requests', explanation: 'Wait a moment, then try again.' },
  500: { title: 'Something went wrong on our side', explanation: 'It is not something you did. Try again in a moment; if it keeps happening, send us the request id below.' },
  502: { title: 'A service did not answer', explanation: 'A service Atoll relies on failed to answer. Try again in a moment.' },
  503: { title: 'Temporarily unavailable', explanation: 'Atoll or a service it relies on is busy or down. Try again in a moment.' },
};

const FALLBACK_4XX: Words = { title: 'That could not be done', explanation: 'The request could not be carried out.' };

export const wordsFor = (status: number): Words => WORDS[status] ?? (status >= 500 ? WORDS[500]! : FALLBACK_4XX);

// Kernel details written for API clients ("No route matches GET /x", "send a valid bearer token"):
// a person gets the status's explanation instead. Plugin details name the thing and stay.
const GENERIC_DETAIL = new Set<string>([KernelErrorCode.NOT_FOUND, KernelErrorCode.METHOD_NOT_ALLOWED, KernelErrorCode.HTTP, KernelErrorCode.INTERNAL, AccessErrorCode.UNAUTHENTICATED]);

/** The specific reason to show a person, or undefined when the status's explanation says it all. */
export function plainDetail(problem: Problem): string | undefined {
  if (problem.status >= 500 || GENERIC_DETAIL.has(problem.code)) return undefined;
  return problem.detail;
}

const WHERE: Record<string, string> = { query: 'in the address', path: 'in the address', header: 'header', cookie: 'cookie' };

/**
 * A field's name as a label ("startsAt" -> "Starts at", "items.0.name" -> "Items 0 name"); pages'
 * browser script swaps in the form's own label where it finds the field.
 */
export function fieldLabel(error: FieldError): string | undefined {
  if (error.path === '(root)') return undefined;
  const words = error.path
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  const where = error.location === 'body' ? undefined : WHERE[error.location];
  return where ? `${label} (${where})` : label;
}
