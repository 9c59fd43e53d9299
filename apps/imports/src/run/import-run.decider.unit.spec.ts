import { deciderSpecification } from '@itsm/testing';
import type { RunEvent } from './import-run.decider';
import { importRunDecider } from './import-run.decider';

const spec = deciderSpecification(importRunDecider);
const runId = 'run-1';
const queued: RunEvent = {
  type: 'import-run.queued',
  data: {
    runId,
    modelId: 'model-1',
    entityId: 'root',
    fileId: 'file-1',
    fileName: 'parc.csv',
    sizeBytes: 1200,
    dryRun: false,
    additional: [{ field: 'location', value: 'Siège' }],
  },
};
const checking: RunEvent = { type: 'import-run.checking-started', data: { runId } };
const started: RunEvent = { type: 'import-run.started', data: { runId, header: ['Nom'] } };
const batch = (fromLine: number, toLine: number): RunEvent => ({
  type: 'import-run.batch-sent',
  data: { runId, fromLine, toLine },
});

describe('import run: queued, checking, running, then finished, failed or cancelled', () => {
  it('is queued once', () => {
    const command = {
      type: 'queue-run' as const,
      ...(queued.data as Extract<RunEvent, { type: 'import-run.queued' }>['data']),
    };
    spec.given([]).when(command).then([queued]);
    spec.given([queued]).when(command).thenFails('conflict');
  });

  it('is checked, again by another worker if the first one died while checking', () => {
    spec.given([queued]).when({ type: 'start-checking' }).then([checking]);
    spec.given([queued, checking]).when({ type: 'start-checking' }).then([checking]);
    spec.given([queued, checking, started]).when({ type: 'start-checking' }).thenFails('illegal_transition');
  });

  it('takes batches that follow each other from line 2 (the header is line 1)', () => {
    spec
      .given([queued, checking, started])
      .when({ type: 'record-batch', fromLine: 2, toLine: 501 })
      .then([batch(2, 501)]);
    spec
      .given([queued, checking, started, batch(2, 501)])
      .when({ type: 'record-batch', fromLine: 502, toLine: 1001 })
      .then([batch(502, 1001)]);
  });

  it('ignores a batch sent again by a resumed worker and refuses one that would leave a gap', () => {
    spec
      .given([queued, checking, started, batch(2, 501)])
      .when({ type: 'record-batch', fromLine: 2, toLine: 501 })
      .then([]);
    spec
      .given([queued, checking, started, batch(2, 501)])
      .when({ type: 'record-batch', fromLine: 600, toLine: 700 })
      .thenFails('conflict', /line 501/);
  });

  it('notes a batch’s creations before its commands go; decided again, the first decisions stand', () => {
    const decided = (fromLine: number, toLine: number, creations: number[]): RunEvent => ({
      type: 'import-run.batch-decided',
      data: { runId, fromLine, toLine, creations },
    });
    const running = [queued, checking, started, batch(2, 501)];
    spec
      .given(running)
      .when({ type: 'decide-batch', fromLine: 502, toLine: 1001, creations: [502, 600] })
      .then([decided(502, 1001, [502, 600])]);
    // a resumed worker decides the batch again: only creations not noted yet are added
    spec
      .given([...running, decided(502, 1001, [502, 600])])
      .when({ type: 'decide-batch', fromLine: 502, toLine: 1001, creations: [502, 600] })
      .then([]);
    spec
      .given([...running, decided(502, 1001, [502, 600])])
      .when({ type: 'decide-batch', fromLine: 502, toLine: 751, creations: [502, 700] })
      .then([decided(502, 751, [700])]);
    spec
      .given(running)
      .when({ type: 'decide-batch', fromLine: 502, toLine: 1001, creations: [1200] })
      .thenFails('invalid');
    spec
      .given(running)
      .when({ type: 'decide-batch', fromLine: 900, toLine: 1001, creations: [900] })
      .thenFails('conflict', /line 501/);
  });

  it('keeps the creations decided after its checkpoint for a worker that resumes it', () => {
    const state = [queued, checking, started, batch(2, 501)].reduce(
      importRunDecider.evolve,
      importRunDecider.initialState(),
    );
    const decidedThen = importRunDecider.evolve(state, {
      type: 'import-run.batch-decided',
      data: { runId, fromLine: 502, toLine: 1001, creations: [502, 600] },
    });
    expect(decidedThen).toMatchObject({ checkpoint: 501, creations: [502, 600] });
    expect(importRunDecider.evolve(decidedThen, batch(502, 1001))).toMatchObject({ checkpoint: 1001, creations: [] });
  });

  it('finishes with its counts, and nothing happens to an ended run', () => {
    const finished: RunEvent = { type: 'import-run.finished', data: { runId, succeeded: 9, warnings: 1, failed: 1 } };
    spec
      .given([queued, checking, started])
      .when({ type: 'finish', counts: { succeeded: 9, warnings: 1, failed: 1 } })
      .then([finished]);
    spec
      .given([queued, checking, started, finished])
      .when({ type: 'cancel', reason: 'tech' })
      .thenFails('illegal_transition', /finished/);
  });

  it('is cancelled or fails from any unended status', () => {
    spec
      .given([queued])
      .when({ type: 'cancel', reason: 'by tech' })
      .then([{ type: 'import-run.cancelled', data: { runId, reason: 'by tech' } }]);
    spec
      .given([queued, checking])
      .when({ type: 'fail', reason: 'header' })
      .then([{ type: 'import-run.failed', data: { runId, reason: 'header' } }]);
  });
});
