// Types for the browser scripts in views/public/static (checked with checkJs by tsconfig.browser.json,
// part of `npm run typecheck`): the globals the pages load or the scripts share through `window`, and
// the details of the htmx and realtime events they listen to. Declarations only: nothing here runs.

/** An htmx event's detail: htmx adds the element the event fired on as `elt`. */
type HtmxDetail<T> = T & { elt: Element };
type HtmxEvent<T> = CustomEvent<HtmxDetail<T>>;

/** One event of a chat run's server-sent events, as chat-api.js parses it. */
interface ChatRunEvent {
  id: number;
  type: string;
  data: any;
}

/** The run chat.js follows, kept in sessionStorage to reattach after a reload. */
interface ChatSavedRun {
  runId: string;
  seq: number;
  base: number;
}

/** window.AtollChatApi (chat-api.js), used by chat.js. */
interface AtollChatApi {
  post(root: Element, path: string, body?: object, signal?: AbortSignal): Promise<Response>;
  events(root: Element, runId: string, after: number, signal?: AbortSignal): Promise<Response>;
  swapTranscript(root: Element): Promise<Element | null>;
  read(body: ReadableStream<Uint8Array>, onEvents: (events: ChatRunEvent[]) => unknown): Promise<ChatRunEvent | null>;
  remember(sessionId: string | null, state: ChatSavedRun): void;
  recall(sessionId: string | null): ChatSavedRun | null;
  forget(sessionId: string | null): void;
}

/** An event realtime.js re-dispatches on document.body as `realtime:<topic>` and `realtime:<type>`. */
interface RealtimeEvent<D = unknown> {
  id?: number;
  topic: string;
  type: string;
  data?: D;
}

/** The data of a `datasets` realtime event, as datasets.js reads it. */
interface DatasetEventData {
  datasetId?: string;
  percent?: number;
  rowsProcessed?: number;
}

/** The swagger-ui options docs.js passes (vendor/swagger-ui/swagger-ui-bundle.js, loaded before it). */
interface SwaggerUIOptions {
  url: string | null;
  dom_id: string;
  deepLinking: boolean;
  tryItOutEnabled: boolean;
  onComplete: () => void;
}

interface Window {
  /** vendor/htmx.min.js (the layout loads it with `defer`). */
  htmx?: typeof import('htmx.org').default;
  /** vendor/codemirror.js: the bundle of scripts/codemirror-entry.mjs, exposed under this name. */
  AtollCodeMirror?: typeof import('./scripts/codemirror-entry.mjs');
  /** vendor/swagger-ui/swagger-ui-bundle.js, loaded before docs.js on the API reference page. */
  SwaggerUIBundle: (options: SwaggerUIOptions) => unknown;
  /** The Swagger UI instance docs.js made. */
  ui?: unknown;
  AtollChatApi?: AtollChatApi;
  // "Loaded once" flags of the scripts htmx may run again after a boosted navigation.
  __atollChat?: boolean;
  __atollDashboardGrid?: boolean;
  __atollDatasets?: boolean;
  __atollFilesUpload?: boolean;
  __atollSqlConsole?: boolean;
  __atollSqlHistory?: boolean;
}

interface DocumentEventMap {
  'htmx:configRequest': HtmxEvent<import('htmx.org').HtmxRequestConfig>;
  'htmx:beforeRequest': HtmxEvent<import('htmx.org').HtmxResponseInfo>;
  'htmx:beforeSend': HtmxEvent<import('htmx.org').HtmxResponseInfo>;
  'htmx:afterRequest': HtmxEvent<import('htmx.org').HtmxResponseInfo>;
  'htmx:beforeSwap': HtmxEvent<import('htmx.org').HtmxBeforeSwapDetails>;
  'htmx:afterSwap': HtmxEvent<import('htmx.org').HtmxResponseInfo>;
  'htmx:afterSettle': HtmxEvent<import('htmx.org').HtmxResponseInfo>;
  /** sql-history.js asks sql-console.js to put a query back in the editor. */
  'sql-console:load': CustomEvent<{ sql: string }>;
}

interface HTMLElementEventMap {
  'htmx:load': HtmxEvent<{}>;
  'realtime:realtime.ready': CustomEvent<RealtimeEvent>;
  'realtime:datasets': CustomEvent<RealtimeEvent<DatasetEventData>>;
}
