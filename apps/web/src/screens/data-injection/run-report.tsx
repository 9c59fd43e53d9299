import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { downloadFailedLines, runEventsUrl } from '../../api/import-actions';
import { ENDED_RUN } from '../../api/import-runs';
import { ASSET_PAGE_SIZE, importRunKey, useImportRun, useRunLines } from '../../api/parc-queries';
import type { ImportRun, LineStatus } from '../../api/parc-views';
import { followEvents } from '../../api/server-sent-events';
import { DataTable, Pager } from '../../components/list-parts';
import { OptionSelect } from '../../components/option-select';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const LINE_STATUSES: LineStatus[] = ['success', 'warning', 'failed'];

/** The run as its Server-Sent Events tell it, live, until it ends (then as the API reads it). */
function useLiveRun(runId: string) {
  const queryClient = useQueryClient();
  const run = useImportRun(runId);
  const [streamError, setStreamError] = useState<Error | null>(null);
  const ended = run.data ? ENDED_RUN.has(run.data.status) : false;
  useEffect(() => {
    if (ended) return undefined;
    const abort = new AbortController();
    followEvents(
      runEventsUrl(runId),
      (event) => queryClient.setQueryData(importRunKey(runId), JSON.parse(event.data) as ImportRun),
      abort.signal,
    ).then(
      // the stream ends with the run: read it once more, with its final counts
      () => void queryClient.invalidateQueries({ queryKey: importRunKey(runId) }),
      (error: Error) => abort.signal.aborted || setStreamError(error),
    );
    return () => abort.abort();
  }, [runId, ended, queryClient]);
  return { ...run, error: run.error ?? streamError };
}

/** The progress of a run: its status, the lines done by outcome, the pace. */
function Progress({ run }: { run: ImportRun }) {
  const { t } = useI18n();
  const { progress } = run;
  return (
    <section className="card" aria-labelledby="progress-title">
      <h2 id="progress-title">{t('injection.progress')}</h2>
      <p role="status" data-testid="run-status">
        {t(`run.${run.status}` as MessageKey)}
      </p>
      {/* the number of lines is known only at the end: indeterminate until then */}
      {ENDED_RUN.has(run.status) ? (
        <progress aria-labelledby="progress-title" max={1} value={1} />
      ) : (
        <progress aria-labelledby="progress-title" />
      )}
      <p>{t('injection.linesDone', { done: progress.linesDone, perSecond: progress.linesPerSecond })}</p>
      <p data-testid="run-counts">{t('injection.counts', progress)}</p>
      {run.reason && <p className="error">{run.reason}</p>}
    </section>
  );
}

/** The report's lines, filtered by outcome, paged; the failed lines to download. */
function Lines({ run }: { run: ImportRun }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<LineStatus | undefined>();
  const [page, setPage] = useState(1);
  const [downloadError, setDownloadError] = useState<Error | null>(null);
  const lines = useRunLines(run.runId, status, page, true);
  return (
    <>
      <div className="criteria">
        <OptionSelect
          id="report-status"
          label={t('status')}
          value={status ?? ''}
          emptyLabel={t('all')}
          options={LINE_STATUSES.map((value) => [value, t(`line.${value}`)])}
          onChange={(value) => {
            setStatus((value || undefined) as LineStatus | undefined);
            setPage(1);
          }}
        />
        {run.progress.failed > 0 && (
          <button type="button" onClick={() => downloadFailedLines(run.runId).catch(setDownloadError)}>
            {t('injection.downloadFailed')}
          </button>
        )}
      </div>
      <ProblemMessage error={lines.error ?? downloadError} />
      <DataTable
        caption={t('injection.report')}
        headers={[t('injection.line'), t('status'), t('injection.code'), t('injection.action'), t('injection.message')]}
        keys={(lines.data?.items ?? []).map((line) => String(line.line))}
        rows={(lines.data?.items ?? []).map((line) => [
          line.line,
          t(`line.${line.status}`),
          line.code,
          line.action ? t(`action.${line.action}`) : '',
          line.message,
        ])}
      />
      <Pager
        label={t('injection.report')}
        page={page}
        pageSize={ASSET_PAGE_SIZE}
        total={lines.data?.total ?? 0}
        onPage={setPage}
      />
    </>
  );
}

/** Step 4: the run with its live progress, then its report. */
export function RunReport({ runId }: { runId: string }) {
  const { t } = useI18n();
  const run = useLiveRun(runId);
  if (!run.data) return <ProblemMessage error={run.error} />;
  const ended = ENDED_RUN.has(run.data.status);
  return (
    <section aria-labelledby="report-title">
      <h2 id="report-title">{t(run.data.dryRun ? 'injection.dryRunReport' : 'injection.report')}</h2>
      <p className="meta">{run.data.fileName}</p>
      <ProblemMessage error={run.error} />
      <Progress run={run.data} />
      {ended && run.data.dryRun && <p>{t('injection.wouldDo')}</p>}
      {ended && <Lines key={runId} run={run.data} />}
    </section>
  );
}
