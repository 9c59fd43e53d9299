import { Injectable } from '@nestjs/common';
import type { CommandEnvelope } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { v5 as uuidv5 } from 'uuid';
import type { FieldValue } from './domain/line-values';
import { RunCommands } from './run-commands';
import { valueCorrelationOf } from './run-correlation';
import type { MissingValue, ValueCreation } from './targets/import-target';
import { ValueAnswers } from './value-answers';

/** command ids of a run's catalogue values: a resumed run asks again with the same id, answered once */
const VALUE_NAMESPACE = '2b0f7c41-3d0e-4a8e-9f6a-5e2d7b1c8a90';
/** how long a batch waits for the owner to answer its values before the run is tried again later */
const ANSWERS_TIMEOUT_MS = 2 * 60_000;

export interface ValueRun {
  runId: string;
  token: string;
  entityId: string;
  dryRun: boolean;
  service: string;
}

/**
 * "Allow creation of dropdown values": before a batch's lines are decided, the values they name
 * that the entity lacks are created, one command per distinct value (its name trimmed and
 * single-spaced, compared case-folded), and the lines then resolve them. A dry run only assumes
 * they would be. A value refused (a right missing) stays unknown: its lines get 33 as without
 * the option.
 */
@Injectable()
export class RunValueCreation {
  constructor(
    private readonly sender: RunCommands,
    private readonly answers: ValueAnswers,
  ) {}

  async createMissing(run: ValueRun, creation: ValueCreation, lines: Array<Record<string, FieldValue>>) {
    const missing = new Map<string, MissingValue>();
    for (const values of lines) {
      for (const value of creation.missing(values)) {
        const key = `${value.kind}\u0000${value.key}`;
        if (!missing.has(key)) missing.set(key, value); // the name as the first line spells it
      }
    }
    if (missing.size === 0) return;
    if (run.dryRun) {
      for (const value of missing.values()) creation.learn(value, 'would-be-created');
      return;
    }
    const asked = new Map([...missing.values()].map((value) => [this.commandId(run.runId, value), value]));
    await this.sender.send(
      run.service,
      [...asked].map(([commandId, value]) => this.envelope(run, commandId, creation, value)),
    );
    for (const answer of await this.answered([...asked.keys()])) {
      if (answer.valueId) creation.learn(asked.get(answer._id)!, answer.valueId);
    }
  }

  private commandId(runId: string, { kind, key }: MissingValue): string {
    return uuidv5(`${runId}\u0000${kind}\u0000${key}`, VALUE_NAMESPACE);
  }

  private envelope(run: ValueRun, commandId: string, creation: ValueCreation, value: MissingValue): CommandEnvelope {
    const command = creation.command(value, run.entityId);
    return {
      commandId,
      type: command.type,
      schemaVersion: 1,
      streamId: command.streamId,
      caller: { accessToken: run.token },
      replyTo: this.sender.replyTo,
      correlationId: valueCorrelationOf(run.runId),
      issuedAt: new Date().toISOString(),
      data: command.data,
    };
  }

  /** Waits for every answer; the owner away for long fails the attempt, and the run resumes later. */
  private async answered(commandIds: string[]) {
    const deadline = Date.now() + ANSWERS_TIMEOUT_MS;
    for (;;) {
      const answers = await this.answers.find(commandIds);
      if (answers.length === commandIds.length) return answers;
      if (Date.now() > deadline) {
        throw new DomainError('unavailable', `${commandIds.length - answers.length} catalogue values got no answer`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
