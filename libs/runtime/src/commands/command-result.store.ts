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
  find(commandId: string): Promise<CommandResult | undefined>;
  /** The first answer recorded stays: resolves to it. */
  record(result: CommandResult): Promise<CommandResult>;
}

/** Each command's answer, by command id, in the service's own database: a redelivery is answered from here. */
export class CommandResultStore implements CommandResults {
  private readonly results: Collection<StoredResult>;

  constructor(connection: Connection) {
    this.results = connection.collection<StoredResult>('command_results');
  }

  async find(commandId: string): Promise<CommandResult | undefined> {
    return (await this.results.findOne({ _id: commandId }))?.result;
  }

  /** The first answer recorded stays: a command answered meanwhile by another replica keeps that answer. */
  async record(result: CommandResult): Promise<CommandResult> {
    try {
      await this.results.insertOne({ _id: result.commandId, result, recordedAt: new Date() });
      return result;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return (await this.find(result.commandId)) ?? result;
    }
  }
}
