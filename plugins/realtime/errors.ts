import { AtollError, limitExceeded, validationFailed } from 'atoll/plugin';

/** Every error code the realtime plugin returns. */
export const RealtimeErrorCode = {
  INVALID_TICKET: 'REALTIME_INVALID_TICKET',
  UPGRADE_REQUIRED: 'REALTIME_UPGRADE_REQUIRED',
  TOO_MANY_TICKETS: 'REALTIME_TOO_MANY_TICKETS',
  EVENT_TOO_LARGE: 'REALTIME_EVENT_TOO_LARGE',
  INVALID_EVENT: 'REALTIME_INVALID_EVENT',
  HUB_FULL: 'REALTIME_HUB_FULL',
  UNAVAILABLE: 'REALTIME_UNAVAILABLE',
} as const;

export const invalidTicket = () =>
  new AtollError('unauthorized', RealtimeErrorCode.INVALID_TICKET, 'The ticket is missing, unknown, used or expired; get a new one from POST /api/v1/realtime/tickets');
export const upgradeRequired = () =>
  new AtollError('validation', RealtimeErrorCode.UPGRADE_REQUIRED, 'This endpoint only accepts a WebSocket upgrade (Upgrade: websocket)', {
    status: 426,
    headers: { upgrade: 'websocket', connection: 'Upgrade' },
  });
export const tooManyTickets = () => limitExceeded(RealtimeErrorCode.TOO_MANY_TICKETS, 'Too many unredeemed tickets for this tenant; retry in a minute', 60);
export const eventTooLarge = (detail: string) =>
  new AtollError('payload_too_large', RealtimeErrorCode.EVENT_TOO_LARGE, `The event is too large: ${detail}`, {
    errors: [{ location: 'body', path: 'data', message: detail }],
  });
export const invalidEvent = (detail: string) => validationFailed(RealtimeErrorCode.INVALID_EVENT, detail);
export const hubFull = () => new AtollError('unavailable', RealtimeErrorCode.HUB_FULL, "The tenant's realtime hub is full; retry later", { retryAfter: 30 });
export const realtimeUnavailable = () => new AtollError('unavailable', RealtimeErrorCode.UNAVAILABLE, 'Realtime is not configured on this deployment (no TENANT_HUB binding)');
