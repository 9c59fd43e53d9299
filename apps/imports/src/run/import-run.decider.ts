import type { ImportRunEvent } from '@itsm/contracts';
import { DomainError, type Decider } from '@itsm/domain';

export type RunStatus = 'queued' | 'checking' | 'running' | 'finished' | 'failed' | 'cancelled';

export interface LineCounts {
  /** lines created or updated (or that would be, in a dry run) */
  succeeded: number;
  /** of which saved with a warning (a value not found, code 12) */
  warnings: number;
  failed: number;
}

export interface QueueRun {
  type: 'queue-run';
  runId: string;
  modelId: string;
  entityId: string;
  fileId: string;
  fileName: string;
  sizeBytes: number;
  dryRun: boolean;
  additional: { field: string; value: string }[];
}

export type RunCommand =
  | QueueRun
  | { type: 'start-checking' }
  | { type: 'start-running'; header: string[] }
  /** lines fromLine..toLine were decided, `creations` creating an item; their commands go next */
  | { type: 'decide-batch'; fromLine: number; toLine: number; creations: number[] }
  /** lines fromLine..toLine were read and their commands sent (their results come back later) */
  | { type: 'record-batch'; fromLine: number; toLine: number }
  | { type: 'finish'; counts: LineCounts }
  | { type: 'fail'; reason: string }
  | { type: 'cancel'; reason: string };

export type RunEvent = ImportRunEvent;

export interface RunState {
  runId: string | null;
  status: RunStatus | null;
  /** what the run was asked: its model, entity, file and additional information */
  queued: Omit<QueueRun, 'type'> | null;
  dryRun: boolean;
  /** the last line whose command was sent: a resumed run starts after it (the header is line 1) */
  checkpoint: number;
  /**
   * lines after the checkpoint decided as creations, whose commands may have gone: a resumed run
   * sends them as creations again, whatever it finds since (its own first sending's items)
   */
  creations: number[];
}

const ENDED: ReadonlySet<RunStatus> = new Set(['finished', 'failed', 'cancelled']);

const illegal = (state: RunState, what: string) =>
  new DomainError('illegal_transition', `run ${state.runId} is ${state.status}: it cannot ${what}`, {
    details: { status: state.status },
  });

function decide(command: RunCommand, state: RunState): RunEvent[] | DomainError {
  if (command.type === 'queue-run') {
    if (state.status !== null) return new DomainError('conflict', `run ${command.runId} exists already`);
    const { type: _type, ...data } = command;
    return [{ type: 'import-run.queued', data }];
  }
  if (state.status === null || state.runId === null) return new DomainError('not_found', 'no such import run');
  const runId = state.runId;
  switch (command.type) {
    case 'start-checking':
      // a worker that died while checking left it so: the next one checks again
      if (state.status !== 'queued' && state.status !== 'checking') return illegal(state, 'be checked');
      return [{ type: 'import-run.checking-started', data: { runId } }];
    case 'start-running':
      if (state.status === 'running') return [];
      if (state.status !== 'checking') return illegal(state, 'start');
      return [{ type: 'import-run.started', data: { runId, header: command.header } }];
    case 'decide-batch':
      return decideBatch(command, state, runId);
    case 'record-batch':
      return recordBatch(command, state, runId);
    case 'finish':
      if (state.status !== 'running') return illegal(state, 'finish');
      return [{ type: 'import-run.finished', data: { runId, ...command.counts } }];
    case 'fail':
      if (ENDED.has(state.status)) return illegal(state, 'fail');
      return [{ type: 'import-run.failed', data: { runId, reason: command.reason } }];
    case 'cancel':
      if (ENDED.has(state.status)) return illegal(state, 'be cancelled');
      return [{ type: 'import-run.cancelled', data: { runId, reason: command.reason } }];
  }
}

/** The first decisions of a batch's lines stand: one decided again (a resumed worker) adds only new creations. */
function decideBatch(command: Extract<RunCommand, { type: 'decide-batch' }>, state: RunState, runId: string) {
  const gap = nextBatchRefusal(command, state, runId);
  if (gap) return gap;
  const known = new Set(state.creations);
  const creations = command.creations.filter((line) => !known.has(line));
  if (creations.length === 0) return [];
  const { fromLine, toLine } = command;
  if (creations.some((line) => line < fromLine || line > toLine))
    return new DomainError('invalid', `the creations of a batch are among its lines ${fromLine}..${toLine}`);
  return [{ type: 'import-run.batch-decided' as const, data: { runId, fromLine, toLine, creations } }];
}

/** Batches follow each other with no gap; one sent again (a resumed worker) changes nothing. */
function recordBatch(command: Extract<RunCommand, { type: 'record-batch' }>, state: RunState, runId: string) {
  return (
    nextBatchRefusal(command, state, runId) ??
    (command.toLine <= state.checkpoint
      ? []
      : [
          {
            type: 'import-run.batch-sent' as const,
            data: { runId, fromLine: command.fromLine, toLine: command.toLine },
          },
        ])
  );
}

/** A batch comes while the run runs, right after its checkpoint (or is one before it: nothing to do). */
function nextBatchRefusal(command: { fromLine: number; toLine: number }, state: RunState, runId: string) {
  if (state.status !== 'running') return illegal(state, 'take more lines');
  if (command.toLine <= state.checkpoint) return null;
  if (command.fromLine !== state.checkpoint + 1 || command.toLine < command.fromLine) {
    return new DomainError(
      'conflict',
      `run ${runId} is at line ${state.checkpoint}: a batch from line ${command.fromLine} would leave a gap`,
      {
        details: { checkpoint: state.checkpoint },
      },
    );
  }
  return null;
}

function evolve(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'import-run.queued':
      return {
        runId: event.data.runId,
        status: 'queued',
        queued: event.data,
        dryRun: event.data.dryRun,
        checkpoint: 1,
        creations: [],
      };
    case 'import-run.checking-started':
      return { ...state, status: 'checking' };
    case 'import-run.started':
      return { ...state, status: 'running' };
    case 'import-run.batch-decided':
      return { ...state, creations: [...state.creations, ...event.data.creations] };
    case 'import-run.batch-sent':
      return {
        ...state,
        checkpoint: event.data.toLine,
        creations: state.creations.filter((line) => line > event.data.toLine),
      };
    case 'import-run.finished':
      return { ...state, status: 'finished' };
    case 'import-run.failed':
      return { ...state, status: 'failed' };
    case 'import-run.cancelled':
      return { ...state, status: 'cancelled' };
  }
}

export const importRunDecider: Decider<RunCommand, RunEvent, RunState> = {
  initialState: () => ({ runId: null, status: null, queued: null, dryRun: false, checkpoint: 1, creations: [] }),
  decide,
  evolve,
  stateVersion: 2,
};

export const runStreamId = (runId: string) => `import-run-${runId}`;
