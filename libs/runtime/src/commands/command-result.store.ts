import type { CommandResult } from '@itsm/contracts';
import type { Collection, Connection } from 'mongoose';

interface StoredResult {
  /** the command id */
  _id: string;
  result: CommandResult;
  recordedAt: Date;
}

/** Where the answers to commands are kept, by command id. */
export interface CommandResults {
  /** The answers stored for these command ids, by command id. */
  find(commandIds: string[]): Promise<Map<string, CommandResult>>;
  /** The first answer recorded stays: resolves to the answers kept, in the order given. */
  record(results: CommandResult[]): Promise<CommandResult[]>;
}

/** Each command's answer, by command id, in the service's own database: a redelivery is answered from here. */
export class CommandResultStore implements CommandResults {
  private readonly results: Collection<StoredResult>;

  constructor(connection: Connection) {
    this.results = connection.collection<StoredResult>('command_results');
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
