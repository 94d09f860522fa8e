// Names of the transport channels. Kept apart from the contract so the preload bundles no schema code.

/** Electron IPC channel names used by the preload and the main process. */
export const IPC_INVOKE = 'inbox:invoke';
export const IPC_EVENT = 'inbox:event';

/** Web host paths. */
export const HTTP_INVOKE_PREFIX = '/api/invoke/';
export const WS_EVENTS_PATH = '/api/events';
