import type { CommandEnvelope } from './command-envelope';

/** What the service wrote for an accepted command. */
export interface CommandAcceptedData {
  /** the stream written (for a creating command, the new stream's id) */
  streamId: string;
  /** the stream's version after the command; null when the command changed nothing */
  version: number | null;
  /** what the use case answered, e.g. `{ userId }` */
  answer?: Record<string, unknown>;
}

/** Why a command was refused; running it again unchanged would be refused again. */
export interface CommandRefusedData {
  /** the domain error code: `invalid`, `unauthenticated`, `forbidden`, `not_found`, `conflict`, `rule`… */
  code: string;
  message: string;
  /** per field, for `invalid` */
  errors?: Array<{ field: string; message: string }>;
  details?: Record<string, unknown>;
}

interface CommandResultEnvelope<Type extends string, Data> {
  /**
   * The result's UUID: a UUIDv7, or a UUIDv5 of the command id for an answer rebuilt from the
   * command's commit; an answer given again (redelivery) is the same document, same id
   */
  id: string;
  type: Type;
  schemaVersion: 1;
  /** the service that ran the command */
  service: string;
  commandId: string;
  commandType: string;
  /** the command's key, also this result's Kafka key */
  streamId: string;
  correlationId: string;
  occurredAt: string;
  data: Data;
}

export type CommandAccepted = CommandResultEnvelope<'command.accepted', CommandAcceptedData>;
export type CommandRefused = CommandResultEnvelope<'command.refused', CommandRefusedData>;

/** Published on the command's `replyTo`, keyed by its streamId. */
export type CommandResult = CommandAccepted | CommandRefused;

/** Who answers and when; the edge supplies them, so that building a result stays pure. */
export interface ResultStamp {
  id: string;
  service: string;
  occurredAt: string;
}

export function acceptedResult(
  command: CommandEnvelope,
  data: CommandAcceptedData,
  stamp: ResultStamp,
): CommandAccepted {
  return { ...resultHeader(command, stamp), type: 'command.accepted', data };
}

export function refusedResult(command: CommandEnvelope, data: CommandRefusedData, stamp: ResultStamp): CommandRefused {
  return { ...resultHeader(command, stamp), type: 'command.refused', data };
}

function resultHeader(command: CommandEnvelope, { id, service, occurredAt }: ResultStamp) {
  const { commandId, type: commandType, streamId, correlationId } = command;
  return { id, schemaVersion: 1 as const, service, commandId, commandType, streamId, correlationId, occurredAt };
}
