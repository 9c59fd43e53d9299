import { AsyncLocalStorage } from 'node:async_hooks';
import type { CommandEnvelope, EventMetadata } from '@itsm/contracts';
import type { CommittedWrite } from '@itsm/eventsourcing';
import { withinFlow } from '@itsm/messaging';

/** A stream a command wrote, and its version after the write. */
export interface StreamWrite {
  streamId: string;
  version: number;
  /** the write was done before, by an earlier delivery of the same command (see withinKeyedCommand) */
  replayed?: boolean;
  /** the commit the command wrote on the stream (now or at an earlier delivery): none when it decided nothing */
  committed?: CommittedWrite;
}

interface CommandScope {
  command: Pick<CommandEnvelope, 'commandId' | 'correlationId'>;
  writes: StreamWrite[];
}

const scopes = new AsyncLocalStorage<CommandScope>();

/**
 * Runs a use case for a command received over Kafka and tells which streams it wrote: the use
 * cases are the HTTP ones, unchanged, and learn nothing of the transport.
 */
export async function withinCommand<T>(
  command: CommandScope['command'],
  run: () => Promise<T>,
): Promise<{ value: T; writes: StreamWrite[] }> {
  const scope: CommandScope = { command, writes: [] };
  // its log lines and the commands it leads to belong to the sender's flow
  const flow = { correlationId: command.correlationId, causationId: command.commandId };
  const value = await withinFlow(flow, () => scopes.run(scope, run));
  return { value, writes: scope.writes };
}

/** Within a command, its events belong to the sender's flow and name the command as their cause. */
export function stampedByCommand(metadata: EventMetadata): EventMetadata {
  const command = scopes.getStore()?.command;
  if (!command) return metadata;
  return { ...metadata, correlationId: command.correlationId, causationId: command.commandId };
}

export function recordWrite(write: StreamWrite): void {
  scopes.getStore()?.writes.push(write);
}
