import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { RUNS_PAGE_SIZE, useImportRuns, type ImportRunSummary } from '../../api/import-runs';
import { DataTable, Pager } from '../../components/list-parts';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { RunReport } from './run-report';

/** One run's cells: when, model, file (its report's link), mode, status, results, end, who. */
function useRunCells() {
  const { t, dateTime } = useI18n();
  return (run: ImportRunSummary) => [
    dateTime(run.queuedAt),
    run.modelName ?? <em>{t('runs.deletedModel')}</em>,
    <Link
      to="/data-injection/runs/$runId"
      params={{ runId: run.runId }}
      aria-label={t('runs.open', { file: run.fileName })}
    >
      {run.fileName}
    </Link>,
    t(run.dryRun ? 'injection.dryRun' : 'runs.real'),
    t(`run.${run.status}` as MessageKey),
    run.counts ? t('runs.counts', run.counts) : '',
    run.endedAt ? dateTime(run.endedAt) : '',
    run.requestedByName ?? '',
  ];
}

/** Data Injection's past runs of the caller's entities, newest first, each opening its report. */
function ImportRuns() {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const runs = useImportRuns(page);
  const cells = useRunCells();
  const items = runs.data?.items ?? [];
  return (
    <>
      <h1>{t('runs.title')}</h1>
      <p>
        <Link to="/data-injection">{t('runs.backToWizard')}</Link>
      </p>
      <ProblemMessage error={runs.error} />
      <DataTable
        caption={t('runs.title')}
        headers={[
          t('runs.startedAt'),
          t('injection.model'),
          t('injection.file'),
          t('runs.kind'),
          t('status'),
          t('runs.results'),
          t('runs.endedAt'),
          t('runs.requestedBy'),
        ]}
        keys={items.map((run) => run.runId)}
        rows={items.map(cells)}
      />
      <Pager
        label={t('runs.title')}
        page={page}
        pageSize={RUNS_PAGE_SIZE}
        total={runs.data?.total ?? 0}
        onPage={setPage}
      />
    </>
  );
}

/** A past run: its report (live while it runs), with the way back to the list. */
function ImportRun({ runId }: { runId: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{t('dataInjection')}</h1>
      <p>
        <Link to="/data-injection/runs">{t('runs.title')}</Link>
      </p>
      <RunReport runId={runId} />
    </>
  );
}

/** /data-injection/runs: for users who may read imports (import.read). */
export function ImportRunsScreen() {
  const { t } = useI18n();
  return useSession().can('import.read') ? <ImportRuns /> : <h1>{t('forbidden')}</h1>;
}

/** /data-injection/runs/$runId: the run must be of the caller's entities (the service answers 404 otherwise). */
export function ImportRunScreen() {
  const { t } = useI18n();
  const { runId } = useParams({ from: '/data-injection/runs/$runId' });
  return useSession().can('import.read') ? <ImportRun key={runId} runId={runId} /> : <h1>{t('forbidden')}</h1>;
}
