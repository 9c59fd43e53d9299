import type { CommandResult } from '@itsm/contracts';
import type { CommittedWrite, MongoEventStore } from '@itsm/eventsourcing';
import type { Collection, Connection } from 'mongoose';
import { commandWriteKey } from '../idempotency/idempotent-request';

interface StoredResult {
  /** the command id */
  _id: string;
  result: CommandResult;
  recordedAt: Date;
}

/** The last commit a command wrote, as its answer tells it (see committedAnswerOf). */
export interface CommandCommit extends CommittedWrite {
  streamId: string;
  /** what the command asked (its type, stream and data, hashed): a command id reused for another command differs */
  fingerprint?: string;
}

/**
 * Where the answers to commands are found, by command id: the answers stored (refusals, answers
 * of commands that committed nothing, and every answer recorded before answers were rebuilt from
 * commits), and the commits commands wrote (see committedAnswerOf).
 */
export interface CommandResults {
  /** The answers stored for these command ids, by command id. */
  find(commandIds: string[]): Promise<Map<string, CommandResult>>;
  /** The first answer recorded stays: resolves to the answers kept, in the order given. */
  record(results: CommandResult[]): Promise<CommandResult[]>;
  /** The last commit an earlier delivery of the command wrote, if it wrote any. */
  lastCommitOf(commandId: string): Promise<CommandCommit | undefined>;
}

/**
 * Each command's stored answer, by command id, in the service's own database, and the commits of
 * the service's event store: a redelivery is answered from one or the other.
 */
export class CommandResultStore implements CommandResults {
  private readonly results: Collection<StoredResult>;

  constructor(
    connection: Connection,
    private readonly store: Pick<MongoEventStore, 'requestCommit'>,
  ) {
    this.results = connection.collection<StoredResult>('command_results');
  }

  /** Its writes' commits carry their keys, numbered in order (commandWriteKey): the last one found. */
  async lastCommitOf(commandId: string): Promise<CommandCommit | undefined> {
    let last: CommandCommit | undefined;
    for (let write = 1; ; write++) {
      const commit = await this.store.requestCommit(commandWriteKey(commandId, write));
      if (!commit) return last;
      const { streamId, lastSequence: version, requestFingerprint: fingerprint, events } = commit;
      last = { streamId, version, occurredAt: events[0].occurredAt, ...(fingerprint && { fingerprint }) };
    }
  }

  /** One equality each, side by side: FerretDB reads the whole collection for an `$in`. */
  async find(commandIds: string[]): Promise<Map<string, CommandResult>> {
    const found = await Promise.all(commandIds.map((_id) => this.results.findOne({ _id })));
    return new Map(found.flatMap((stored) => (stored ? [[stored._id, stored.result] as const] : [])));
  }

  /**
   * One insert for a batch's answers. The first answer recorded stays: a command answered
   * meanwhile by another replica keeps that answer.
   */
  async record(results: CommandResult[]): Promise<CommandResult[]> {
    if (results.length === 0) return [];
    const recordedAt = new Date();
    try {
      await this.results.insertMany(
        results.map((result) => ({ _id: result.commandId, result, recordedAt })),
        { ordered: false },
      );
      return results;
    } catch (error) {
      if (!refusedOnlyAsDuplicates(error)) throw error;
      const kept = await this.find(results.map((result) => result.commandId));
      return results.map((result) => kept.get(result.commandId) ?? result);
    }
  }
}

/** An unordered insert refused some documents, each for a key already there: the others landed. */
function refusedOnlyAsDuplicates(error: unknown): boolean {
  const { code, writeErrors } = (error ?? {}) as { code?: unknown; writeErrors?: unknown };
  if (writeErrors === undefined) return code === 11000;
  const refused = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as Array<{ code?: unknown }>;
  return refused.length > 0 && refused.every((entry) => entry.code === 11000);
}
