import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answer, importsApi } from './clients';
import type { ImportRun, RunStatus } from './parc-views';
import type { Page } from './views';

/** A past run as the imports service lists it (`GET /api/import-runs`), with its model's and requester's names. */
export interface ImportRunSummary extends Omit<ImportRun, 'progress'> {
  /** null when the model was deleted, or is another user's private model */
  modelName: string | null;
  requestedByName: string | null;
  startedAt: string | null;
  endedAt: string | null;
  counts: { succeeded: number; warnings: number; failed: number } | null;
}

export const RUNS_PAGE_SIZE = 20;
export const ENDED_RUN: ReadonlySet<RunStatus> = new Set(['finished', 'failed', 'cancelled']);
/** how often the list is read again while one of its runs is under way */
const UNDER_WAY_REFRESH_MS = 2_000;

/** The runs of the caller's entities, newest first. */
export function useImportRuns(page: number) {
  return useQuery({
    queryKey: ['import-runs', 'list', page],
    queryFn: () =>
      answer<Page<ImportRunSummary>>(
        importsApi.GET('/api/import-runs', { params: { query: { page, limit: RUNS_PAGE_SIZE } } }),
      ),
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.items.some((run) => !ENDED_RUN.has(run.status)) ? UNDER_WAY_REFRESH_MS : false,
  });
}
