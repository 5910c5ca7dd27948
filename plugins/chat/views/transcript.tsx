import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { StoredMessage } from '../services/list-messages';
import { isLive, type SessionRun } from '../services/session-runs';
import { renderMarkdown } from './markdown';
import { ToolCallView, type ToolUseBlock } from './tool-call';
import type { TranscriptData } from './transcript-data';

type Block = { type?: unknown; text?: unknown; id?: unknown; name?: unknown; input?: unknown };

type Group = { kind: 'question'; text: string; seq: number } | { kind: 'answer'; runId: string | null; messages: StoredMessage[] } | { kind: 'summary'; text: string };

const blocksOf = (m: StoredMessage) => (Array.isArray(m.content) ? (m.content as Block[]) : []).filter((b) => b && typeof b === 'object');
const textOf = (m: StoredMessage) =>
  blocksOf(m)
    .flatMap((b) => (b.type === 'text' && typeof b.text === 'string' ? [b.text] : []))
    .join('\n\n');
const isToolUse = (b: Block): b is Block & ToolUseBlock => b.type === 'tool_use' && typeof b.id === 'string' && typeof b.name === 'string';

/**
 * The stored messages as the page shows them: each question, then its answer (the assistant's turns
 * of that run; tool results are shown on their calls), and where older turns were compacted, a note.
 */
function groupsOf({ session, messages }: TranscriptData): Group[] {
  const groups: Group[] = [];
  let noted = !session.summary;
  for (const m of messages) {
    if (!noted && m.seq > session.summaryThroughSeq) {
      groups.push({ kind: 'summary', text: session.summary ?? '' });
      noted = true;
    }
    const last = groups.at(-1);
    if (m.role === 'user') {
      const text = textOf(m);
      if (text === '') continue; // tool results only
      groups.push({ kind: 'question', text, seq: m.seq }, { kind: 'answer', runId: m.runId, messages: [] });
    } else if (last?.kind === 'answer' && last.runId === m.runId) {
      last.messages.push(m);
    } else {
      groups.push({ kind: 'answer', runId: m.runId, messages: [m] });
    }
  }
  if (!noted) groups.push({ kind: 'summary', text: session.summary ?? '' });
  return groups;
}

const count = (n: number) => n.toLocaleString('en-US');

function Usage({ run }: { run: SessionRun }) {
  if (run.inputTokens + run.outputTokens + run.cacheReadInputTokens + run.cacheCreationInputTokens === 0) return null;
  return (
    <footer class="chat-usage" data-usage>
      Tokens: {count(run.inputTokens)} input · {count(run.outputTokens)} output · {count(run.cacheReadInputTokens)} cache read · {count(run.cacheCreationInputTokens)} cache write
    </footer>
  );
}

function RunNote({ run }: { run: SessionRun }) {
  if (run.status === 'error')
    return (
      <p class="chat-error" data-run-error>
        The answer failed: {run.error ?? 'unknown error'}
      </p>
    );
  if (run.status === 'cancelled') return <p class="chat-note muted">Stopped before the end.</p>;
  if (run.status === 'awaiting_approval') return <p class="chat-note">Waiting for your decision on a tool call.</p>;
  return null;
}

function Answer({ messages, run, last }: { messages: StoredMessage[]; run: SessionRun | undefined; last: boolean }) {
  const parts: Child[] = messages.flatMap((m) =>
    blocksOf(m).map((b) => {
      if (b.type === 'text' && typeof b.text === 'string') return <div class="chat-md">{raw(renderMarkdown(b.text))}</div>;
      if (isToolUse(b)) return <ToolCallView block={b} call={m.toolCalls.find((c) => c.id === b.id)} />;
      return null;
    }),
  );
  // A run that is still going shows its answer in the live bubble until its first step is stored.
  if (parts.length === 0 && (!run || isLive(run))) return null;
  return (
    <article class="chat-turn chat-answer" data-run={run?.id}>
      {parts}
      {run && last ? <RunNote run={run} /> : null}
      {run && last ? <Usage run={run} /> : null}
    </article>
  );
}

/**
 * The transcript (page and partial): questions as plain text, answers as safe Markdown with their
 * tool calls. `data-active-run` names a run still going, so chat.js reattaches to it.
 */
export function Transcript({ data }: { data: TranscriptData }) {
  const runs = new Map(data.runs.map((r) => [r.id, r] as const));
  const active = data.runs.find(isLive);
  const groups = groupsOf(data);
  const lastOfRun = new Map<string | null, number>();
  groups.forEach((g, i) => g.kind === 'answer' && lastOfRun.set(g.runId, i));
  return (
    <div id="chat-transcript" class="chat-transcript" data-session={data.session.id} data-title={data.session.title} data-active-run={active?.id} data-run-status={active?.status}>
      {groups.length === 0 ? (
        <p class="muted" id="chat-empty">
          No messages yet: ask a question below.
        </p>
      ) : null}
      {groups.map((g, i) => {
        if (g.kind === 'question')
          return (
            <div class="chat-turn chat-question" data-seq={String(g.seq)}>
              <p class="chat-plain">{g.text}</p>
            </div>
          );
        if (g.kind === 'summary') {
          return (
            <details class="chat-summary-note" id="chat-summary">
              <summary>Earlier messages were summarised</summary>
              <p class="muted">The assistant reads this summary instead of the messages above it:</p>
              <p class="chat-plain">{g.text}</p>
            </details>
          );
        }
        return <Answer messages={g.messages} run={g.runId ? runs.get(g.runId) : undefined} last={lastOfRun.get(g.runId) === i} />;
      })}
      {data.truncated ? <p class="muted">Only the first {data.messages.length} messages are shown.</p> : null}
    </div>
  );
}
