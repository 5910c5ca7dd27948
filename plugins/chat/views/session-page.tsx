import { type AppContext, getTenant } from 'atoll/plugin';
import type { ChatConfig } from '../config';
import { isLive } from '../services/session-runs';
import { Transcript } from './transcript';
import { loadTranscript } from './transcript-data';

/** What the page says when no API key is set; the composer still posts and the API answers so. */
export const NOT_CONFIGURED_NOTE = 'The assistant is not configured (set CHAT_ANTHROPIC_API_KEY).';

/**
 * `/app/chat/:id`: the transcript rendered here, a live bubble chat.js streams the answer into, and
 * the composer. The page hands chat.js what it needs in data- attributes (the CSP allows no inline
 * script): the session, the tenant (sent as `x-tenant-id`) and, on the transcript, a run still going.
 */
export async function SessionPage(c: AppContext, config: ChatConfig) {
  const data = await loadTranscript(c);
  const active = data.runs.some(isLive);
  return (
    <>
      <link rel="stylesheet" href="/static/charts.css" />
      <link rel="stylesheet" href="/static/chat.css" />
      <p>
        <a href="/app/chat">← All chats</a>
      </p>
      <h2 id="chat-title">{data.session.title}</h2>
      {config.anthropicApiKey ? null : (
        <p class="alert" id="chat-not-configured" role="status">
          {NOT_CONFIGURED_NOTE}
        </p>
      )}
      <section id="chat" class="chat" data-session={data.session.id} data-tenant={getTenant(c).id}>
        <Transcript data={data} />
        <div id="chat-live" class="chat-live" hidden>
          <div class="chat-turn chat-question" id="chat-live-question" hidden>
            <p class="chat-plain"></p>
          </div>
          <article class="chat-turn chat-answer" id="chat-live-answer" aria-live="polite" aria-busy="true">
            <p class="chat-plain" id="chat-live-text"></p>
            <ul class="chat-live-tools" id="chat-live-tools"></ul>
            <p class="muted chat-working" id="chat-working">
              Working…
            </p>
          </article>
        </div>
        <p id="chat-status" class="chat-status" role="status" aria-live="polite"></p>
        <form id="chat-composer" class="chat-composer" hx-boost="false" data-max-chars={String(config.maxMessageChars)}>
          <label for="chat-input">
            Your question
            <textarea id="chat-input" name="content" rows={3} required maxlength={config.maxMessageChars} placeholder="Ask about your data…"></textarea>
          </label>
          <p class="chat-actions">
            <button type="submit" id="chat-send">
              Send
            </button>
            <button type="button" id="chat-stop" class="danger" hidden={!active}>
              Stop
            </button>
            <small class="muted">Ctrl+Enter (⌘+Enter) sends</small>
          </p>
        </form>
      </section>
      <script src="/static/chat-api.js" defer></script>
      <script src="/static/chat.js" defer></script>
    </>
  );
}

/** `/app/chat/:id/transcript`: the transcript alone, for chat.js to swap in after each step. */
export async function TranscriptPartial(c: AppContext) {
  c.header('cache-control', 'no-store');
  return <Transcript data={await loadTranscript(c)} />;
}
