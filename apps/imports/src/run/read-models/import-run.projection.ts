import type { ImportRunQueued } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';
import type { RunStatus } from '../import-run.decider';

export type ImportRunDoc = ImportRunQueued['data'] & {
  status: RunStatus;
  requestedBy: string;
  queuedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** the last line sent (the header is 1) */
  checkpoint: number;
  header: string[];
  counts: { succeeded: number; warnings: number; failed: number } | null;
  reason: string | null;
};

/** The runs as lists and progress read them. */
export const importRunProjection = defineProjection<ImportRunDoc>({
  name: 'import_runs',
  indexes: [
    { keys: { runId: 1 }, options: { name: 'run', unique: true } },
    { keys: { entityId: 1, queuedAt: -1 }, options: { name: 'entity_queued' } },
  ],
  handlers: {
    'import-run.queued': (_current, { data, occurredAt, actor }) => ({
      ...data,
      status: 'queued',
      requestedBy: actor.id,
      queuedAt: occurredAt,
      startedAt: null,
      endedAt: null,
      checkpoint: 1,
      header: [],
      counts: null,
      reason: null,
    }),
    'import-run.checking-started': (current) => current && { ...current, status: 'checking' },
    'import-run.started': (current, { data, occurredAt }) =>
      current && { ...current, status: 'running', header: data.header, startedAt: occurredAt },
    'import-run.batch-sent': (current, { data }) => current && { ...current, checkpoint: data.toLine },
    'import-run.finished': (current, { data: { runId: _run, ...counts }, occurredAt }) =>
      current && { ...current, status: 'finished', counts, endedAt: occurredAt },
    'import-run.failed': (current, { data, occurredAt }) =>
      current && { ...current, status: 'failed', reason: data.reason, endedAt: occurredAt },
    'import-run.cancelled': (current, { data, occurredAt }) =>
      current && { ...current, status: 'cancelled', reason: data.reason, endedAt: occurredAt },
  },
});
