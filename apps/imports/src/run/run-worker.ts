import { Inject, Injectable, Logger } from '@nestjs/common';
import type { CommandEnvelope } from '@itsm/contracts';
import { DomainError, isDomainError, systemCaller } from '@itsm/domain';
import { callerFrom, commandMetadata, EntityTreeReader, type AccessTokenClaims } from '@itsm/auth';
import { decode } from 'jsonwebtoken';
import { EventSourcedCommands } from '@itsm/runtime';
import { v5 as uuidv5 } from 'uuid';
import { IMPORTS_SETTINGS, type ImportsSettings } from '../imports.env';
import { ImportModelCatalogue } from '../model/import-model-catalogue';
import type { ImportModelDoc } from '../model/read-models/import-model.projection';
import { cellsByColumn, checkHeader } from './domain/header-check';
import { lineOutcome, type LineOutcome } from './domain/line-outcome';
import { lineValues, type LineValues } from './domain/line-values';
import { RESULT_CODES, refusalCodeOf } from './domain/result-codes';
import { fileLines, type FileLine } from './file-lines';
import { importRunDecider, runStreamId, type RunCommand, type RunState } from './import-run.decider';
import { LineResults, lineResultId, totalOf, type LineResult } from './line-results';
import { RunCommands } from './run-commands';
import { RunFiles } from './run-files';
import { RunQueue } from './run-queue';
import { RunValueCreation } from './value-creation';
import { correlationOf } from './run-correlation';
import { ImportTargets } from './targets/import-targets';
import {
  linkFieldsOf,
  type ImportTarget,
  type RunForesight,
  type TargetCommand,
  type TargetSnapshot,
} from './targets/import-target';

/** command ids of a run's lines: the same line always gets the same id, so the owner runs it once */
const LINE_NAMESPACE = '6f1d2c2e-8a57-4f0c-9a3e-3c1b6c0f9e21';
const WORKER = systemCaller('imports.worker');
/** how long a run waits without any new answer before it fails (the owner is away for long) */
const ANSWERS_TIMEOUT_MS = 10 * 60_000;
/** how often a waiting run looks at its tally, and every how many looks at its status (cancelled?) */
const POLL_MS = 250;
const STATUS_EVERY_POLLS = 4;
/** a tally that stands still this long is recounted once */
const RECOUNT_AFTER_MS = 5_000;

interface RunContext {
  runId: string;
  token: string;
  queued: NonNullable<RunState['queued']>;
  /** lines a worker before this one decided as creations and may have sent: creations again */
  creations: ReadonlySet<number>;
  model: ImportModelDoc;
  target: ImportTarget;
  snapshot: TargetSnapshot;
}

/**
 * Works one run from where it stands: checks the file's header against the model, then reads the
 * file in batches from the checkpoint (lines before it were sent by an earlier worker), decides
 * each line, records the lines refused here and sends the others as commands; a dry run records
 * what each line would do instead. Results of sent lines come back on the results topic.
 */
@Injectable()
export class RunWorker {
  private readonly logger = new Logger(RunWorker.name);

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly files: RunFiles,
    private readonly results: LineResults,
    private readonly sender: RunCommands,
    private readonly models: ImportModelCatalogue,
    private readonly targets: ImportTargets,
    private readonly queue: RunQueue,
    private readonly values: RunValueCreation,
    private readonly entityTree: EntityTreeReader,
    @Inject(IMPORTS_SETTINGS) private readonly settings: ImportsSettings,
  ) {}

  async work(runId: string): Promise<void> {
    const { state } = await this.commands.load(importRunDecider, runStreamId(runId));
    if (!state.queued || !['queued', 'checking', 'running'].includes(state.status ?? '')) return;
    const token = await this.queue.token(runId);
    if (token === null && !state.queued.dryRun)
      return this.fail(runId, 'the access token of the run expired before its lines were sent: start it again');
    const run = await this.context(runId, token ?? '', state);
    if (isDomainError(run)) return this.fail(runId, run.message);
    if (state.status !== 'running') await this.decide(run, { type: 'start-checking' });
    const lines = fileLines(this.files.open(run.queued.fileId), run.model.options);
    try {
      const started = await this.checkHeader(run, state, lines);
      if (isDomainError(started)) return this.fail(runId, started.message);
      const lastLine = await this.sendLines(run, lines, state.checkpoint);
      if (lastLine !== null) await this.finishOnceAnswered(run, lastLine);
    } catch (error) {
      if (isDomainError(error) && !error.transient) return this.fail(runId, error.message);
      throw error;
    } finally {
      await lines.return(undefined);
    }
  }

  private async context(runId: string, token: string, state: RunState): Promise<RunContext | DomainError> {
    const queued = state.queued!;
    const model = await (await this.models.collection()).findOne({ modelId: queued.modelId });
    if (!model) return new DomainError('not_found', `model ${queued.modelId} was deleted`);
    const target = this.targets.for(model.targetType);
    if (isDomainError(target)) return target;
    const foresight = queued.dryRun ? await this.foresight(token) : undefined;
    const snapshot = await target.snapshot(queued.entityId, foresight);
    return { runId, token, queued, creations: new Set(state.creations), model, target, snapshot };
  }

  /**
   * The caller of a dry run, from the token kept with it (checked when the file came; it may
   * have expired since, its claims still say who asked), scoped as the access guard scopes it.
   */
  private async foresight(token: string): Promise<RunForesight | undefined> {
    const claims = decode(token, { json: true }) as AccessTokenClaims | null;
    if (!claims?.sub || !Array.isArray(claims.rights)) return undefined;
    const tree = await this.entityTree.tree();
    return { caller: callerFrom(claims, claims.rec ? tree.scopeOf(claims.eid, true) : [claims.eid]), tree };
  }

  /** The header is read on every start (a resumed run too); the model is checked against it once. */
  private async checkHeader(run: RunContext, state: RunState, lines: AsyncGenerator<FileLine>) {
    if (!run.model.options.headerPresent) {
      return state.status === 'running' ? undefined : this.decide(run, { type: 'start-running', header: [] });
    }
    const header = await lines.next();
    const cells = header.done ? [] : header.value.cells;
    const refusal = checkHeader(cells, run.model.mapping);
    if (refusal) return refusal;
    if (state.status !== 'running')
      await this.decide(run, { type: 'start-running', header: cells.map((cell) => cell.trim()) });
  }

  /** Sends the lines after the checkpoint; the file's last line number, or null once the run was cancelled. */
  private async sendLines(
    run: RunContext,
    lines: AsyncGenerator<FileLine>,
    checkpoint: number,
  ): Promise<number | null> {
    let batch: FileLine[] = [];
    let last = checkpoint;
    for await (const line of lines) {
      last = line.line;
      if (line.line <= checkpoint) continue;
      batch.push(line);
      // a batch: one lookup pass, one insert of results, one Kafka send, one checkpoint
      if (batch.length < this.settings.batchLines) continue;
      if (!(await this.sendBatch(run, batch))) return null;
      batch = [];
    }
    if (batch.length > 0 && !(await this.sendBatch(run, batch))) return null;
    return last;
  }

  /**
   * Waits for the answers of the lines sent, then finishes the run with its counts: the lines
   * counted, once their tally says all are there.
   */
  private async finishOnceAnswered(run: RunContext, lastLine: number): Promise<void> {
    const expected = this.dataLinesUpTo(run, lastLine);
    for (;;) {
      if (!(await this.untilAnswered(run, expected))) return;
      const counts = await this.results.recount(run.runId);
      if (totalOf(counts) < expected) continue; // the tally ran ahead: it is the count now
      const finished = { succeeded: counts.success + counts.warning, warnings: counts.warning, failed: counts.failed };
      return this.decide(run, { type: 'finish', counts: finished });
    }
  }

  /** Lines of data from the first to `line` (the header is no line of data). */
  private dataLinesUpTo(run: RunContext, line: number): number {
    return line - (run.model.options.headerPresent ? 1 : 0);
  }

  /**
   * Waits until the run's tally shows `expected` lines with their result: false once the run
   * stopped running, or failed because no answer came for long (the owner away). A tally that
   * stands still for a while is recounted (it may have fallen short, see LineResults).
   */
  private async untilAnswered(run: RunContext, expected: number): Promise<boolean> {
    let answered = -1;
    let quietSince = Date.now();
    let recounted = false;
    for (let polls = 0; ; polls++) {
      const total = totalOf(await this.results.tallied(run.runId));
      if (total >= expected) return true;
      if (total !== answered) [answered, quietSince, recounted] = [total, Date.now(), false];
      else if (!recounted && Date.now() - quietSince > RECOUNT_AFTER_MS) {
        recounted = true;
        if (totalOf(await this.results.recount(run.runId)) >= expected) return true;
      } else if (Date.now() - quietSince > ANSWERS_TIMEOUT_MS) {
        await this.fail(
          run.runId,
          `${expected - total} lines got no answer from ${run.target.service} within ${ANSWERS_TIMEOUT_MS / 1000} s`,
        );
        return false;
      }
      if (polls > 0 && polls % STATUS_EVERY_POLLS === 0) {
        const { state } = await this.commands.load(importRunDecider, runStreamId(run.runId));
        if (state.status !== 'running') return false;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** One batch: decided, recorded or sent, then checkpointed. False once the run was cancelled. */
  private async sendBatch(run: RunContext, batch: FileLine[]): Promise<boolean> {
    const { state } = await this.commands.load(importRunDecider, runStreamId(run.runId));
    if (state.status !== 'running') return false;
    // the owner's pace: no more than IMPORT_LINES_IN_FLIGHT lines sent and not answered yet
    const answeredEnough = this.dataLinesUpTo(run, batch[0].line - 1) - this.settings.linesInFlight;
    if (!(await this.untilAnswered(run, answeredEnough))) return false;
    const values = batch.map((line) => this.valuesOf(run, line));
    if (run.model.options.allowDropdownCreation && run.snapshot.values) {
      const { runId, token, queued, target } = run;
      await this.values.createMissing(
        { runId, token, entityId: queued.entityId, dryRun: queued.dryRun, service: target.service },
        run.snapshot.values,
        values.map((line) => line.values),
      );
    }
    const decided = batch.map((line, at) => ({ line, outcome: this.outcomeOf(run, line.line, values[at]) }));
    const recorded: LineResult[] = [];
    const envelopes: CommandEnvelope[] = [];
    const creations: number[] = [];
    for (const { line, outcome } of decided) {
      if (outcome.action === 'refuse') {
        recorded.push(resultOf(run, line.line, outcome));
        continue;
      }
      // a dry run goes as far as the command, and records what the owner would answer
      const command = run.snapshot.command(outcome.action, outcome.itemId, outcome.fields, run.queued.entityId);
      if (isDomainError(command)) recorded.push(refusedCommand(run, line.line, outcome.action, command));
      else if (run.queued.dryRun) recorded.push(resultOf(run, line.line, outcome));
      else {
        envelopes.push(this.envelopeOf(run, line.line, outcome, command));
        if (outcome.action === 'create') creations.push(line.line);
      }
    }
    await this.results.record(recorded);
    // before they go: a worker resuming this batch sends its creations as creations again
    const [fromLine, toLine] = [batch[0].line, batch.at(-1)!.line];
    if (creations.length > 0) await this.decide(run, { type: 'decide-batch', fromLine, toLine, creations });
    await this.sender.send(run.target.service, envelopes);
    await this.decide(run, { type: 'record-batch', fromLine, toLine });
    return true;
  }

  private valuesOf({ model, queued }: RunContext, line: FileLine): LineValues {
    const additional = Object.fromEntries(queued.additional.map(({ field, value }) => [field, value]));
    return lineValues(
      model.targetType,
      model.mapping,
      cellsByColumn(model.mapping, line.cells),
      model.options,
      additional,
      model.additionalFields,
    );
  }

  private outcomeOf({ model, snapshot, creations }: RunContext, line: number, values: LineValues): LineOutcome {
    return lineOutcome(values, {
      type: model.targetType,
      options: model.options,
      // what a line created before a worker died is its own item, not one to update
      existing: creations.has(line) ? null : snapshot.match(values.values, linkFieldsOf(model.mapping)),
      notFound: snapshot.notFound(values.values),
    });
  }

  private envelopeOf(
    run: RunContext,
    line: number,
    outcome: Extract<LineOutcome, { action: 'create' | 'update' }>,
    command: TargetCommand,
  ): CommandEnvelope {
    return {
      commandId: uuidv5(lineResultId(run.runId, line), LINE_NAMESPACE),
      type: command.type,
      schemaVersion: command.schemaVersion ?? 1,
      streamId: command.streamId,
      caller: { accessToken: run.token },
      replyTo: this.sender.replyTo,
      correlationId: correlationOf({ runId: run.runId, line, action: outcome.action, warning: outcome.problems[0] }),
      issuedAt: new Date().toISOString(),
      data: command.data,
    };
  }

  private async decide(run: Pick<RunContext, 'runId' | 'queued'>, command: RunCommand) {
    await this.commands.execute(
      importRunDecider,
      runStreamId(run.runId),
      command,
      commandMetadata(WORKER, run.queued.entityId),
    );
  }

  private async fail(runId: string, reason: string): Promise<void> {
    this.logger.warn(`import run ${runId} failed: ${reason}`);
    const { state } = await this.commands.load(importRunDecider, runStreamId(runId));
    if (!state.queued) return;
    await this.decide({ runId, queued: state.queued }, { type: 'fail', reason }).catch(() => undefined);
  }
}

function resultOf(run: RunContext, line: number, outcome: LineOutcome): LineResult {
  if (outcome.action === 'refuse') {
    const [problem] = outcome.problems;
    return { ...refused(run.runId, line, outcome.code, problem.message), field: problem.field || null };
  }
  const [warning] = outcome.problems;
  return {
    _id: lineResultId(run.runId, line),
    runId: run.runId,
    line,
    status: warning ? 'warning' : 'success',
    code: outcome.code,
    action: outcome.action,
    itemId: outcome.itemId,
    field: warning?.field ?? null,
    message: warning?.message ?? (outcome.action === 'create' ? 'would be created' : 'would be updated'),
    dryRun: true,
  };
}

/**
 * A line its target will not command: a refusal the target makes itself (32 for an update, else
 * 39) or, in a dry run, the owner's refusal foreseen, with the code its answer would get.
 */
function refusedCommand(run: RunContext, line: number, action: 'create' | 'update', error: DomainError): LineResult {
  if (run.queued.dryRun && error.code !== 'rule')
    return { ...refused(run.runId, line, refusalCodeOf(error.code), error.message), dryRun: true };
  const code = action === 'update' ? RESULT_CODES.updateNotAllowed : RESULT_CODES.refused;
  return refused(run.runId, line, code, error.message);
}

const refused = (runId: string, line: number, code: LineResult['code'], message: string): LineResult => ({
  _id: lineResultId(runId, line),
  runId,
  line,
  status: 'failed',
  code,
  action: null,
  itemId: null,
  field: null,
  message,
  dryRun: false,
});
