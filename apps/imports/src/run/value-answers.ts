import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult } from '@itsm/contracts';
import { MONGO_CONNECTION } from '@itsm/runtime';
import type { Connection } from 'mongoose';
import { isValueCorrelation } from './run-correlation';

/** The owner's answer to a catalogue value's command: the value's id, or why it was refused. */
export interface ValueAnswer {
  /** the command id */
  _id: string;
  runId: string;
  valueId: string | null;
  refusal: string | null;
}

export function valueAnswerOf(result: CommandResult): ValueAnswer | null {
  if (!isValueCorrelation(result.correlationId)) return null;
  const runId = result.correlationId.split(':')[1];
  if (result.type === 'command.refused')
    return { _id: result.commandId, runId, valueId: null, refusal: result.data.message };
  const valueId = result.data.answer?.valueId;
  return { _id: result.commandId, runId, valueId: typeof valueId === 'string' ? valueId : null, refusal: null };
}

/**
 * The answers to the catalogue values a run created (`import_value_answers`), inserted only: any
 * replica's results feed records them, the run's worker reads them by command id.
 */
@Injectable()
export class ValueAnswers {
  constructor(@Inject(MONGO_CONNECTION) private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<ValueAnswer>('import_value_answers');
  }

  async record(answers: ValueAnswer[]): Promise<void> {
    if (answers.length === 0) return;
    try {
      await this.collection.insertMany(answers, { ordered: false });
    } catch (error) {
      // an answer given again (a redelivery, a resumed run) keeps the first
      if ((error as { code?: number }).code !== 11000) throw error;
    }
  }

  async find(commandIds: string[]): Promise<ValueAnswer[]> {
    return this.collection.find({ _id: { $in: commandIds } }).toArray();
  }
}
