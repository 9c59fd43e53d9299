import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The flow a piece of work belongs to: an HTTP request (its request id is the correlation id) or
 * a message handled on behalf of one (the event's correlation id, the event as the cause). Events
 * written within it carry it (`commandMetadata`), and every log line names it.
 */
export interface Flow {
  correlationId: string;
  /** the event or command that caused the work, when a message did */
  causationId?: string;
}

const flows = new AsyncLocalStorage<Flow>();

export function withinFlow<T>(flow: Flow, run: () => T): T {
  return flows.run(flow, run);
}

export function currentFlow(): Flow | undefined {
  return flows.getStore();
}
