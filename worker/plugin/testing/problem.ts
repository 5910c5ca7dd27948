// What every error response must be (README "Requests and errors"): RFC 9457 problem+json with a
// `code` and the HTTP status repeated in `status`.

export interface Answer {
  status: number;
  contentType: string;
  body: any;
}

/** Reads a response: its status, content type and body (JSON when it parses). Event streams are not read. */
export async function answerOf(res: Response): Promise<Answer> {
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, body: '(event stream)' };
  }
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the message
  }
  return { status: res.status, contentType, body };
}

/** Why `answer` is not a well-formed problem, or undefined when it is one. */
export function problemDefect(answer: Answer): string | undefined {
  if (!answer.contentType.startsWith('application/problem+json')) return `content-type is "${answer.contentType}", not application/problem+json`;
  const body = answer.body;
  if (typeof body !== 'object' || body === null) return 'the body is not a JSON object';
  if (typeof body.code !== 'string' || body.code === '') return 'the problem has no code';
  if (body.status !== answer.status) return `the problem says status ${body.status}, the response ${answer.status}`;
  return undefined;
}

/** A one-line account of an answer for failure messages. */
export const describeAnswer = (answer: Answer) => `${answer.status} ${JSON.stringify(answer.body).slice(0, 400)}`;
