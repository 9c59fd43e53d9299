import { answer, importsApi } from './clients';
import { authorizedFetch } from './access-token';
import type { operations } from './generated/imports';
import type { ImportModel, ImportRun, ProposedModel } from './parc-views';

// Data Injection's writes: multipart uploads go as FormData through the typed client (the
// browser sets the boundary); the failed lines' file is fetched with the access token and handed
// to the browser as a download.

/** POST /api/import-models/propose: the mapping proposed from the file's header, and its first lines. */
export function proposeModel(file: File, targetType: string): Promise<ProposedModel> {
  const form = new FormData();
  form.append('targetType', targetType);
  form.append('file', file);
  return answer<ProposedModel>(
    importsApi.POST('/api/import-models/propose', { body: form as never, bodySerializer: (body) => body }),
  );
}

/** A model as the wizard creates it; the target types as the service's document names them. */
export type NewModel = Pick<ImportModel, 'name' | 'mapping'> & {
  targetType: NonNullable<
    operations['ImportModelHttpController_create']['requestBody']
  >['content']['application/json']['targetType'];
  options: Pick<ImportModel['options'], 'allowCreation' | 'allowUpdate' | 'delimiter'>;
};

export function createModel(model: NewModel): Promise<ImportModel> {
  return answer<ImportModel>(
    importsApi.POST('/api/import-models', {
      // the document types a mapped column's nullable `field` as an empty object (the DTO says
      // `nullable` without a type): the body is the DTO's all the same
      body: model as never,
      headers: { 'idempotency-key': crypto.randomUUID() },
    }),
  );
}

/** POST /api/import-runs: the file with its model, a dry run or the real one, the additional information. */
export function startRun(
  modelId: string,
  file: File,
  dryRun: boolean,
  additional: Record<string, string>,
): Promise<ImportRun> {
  const form = new FormData();
  form.append('modelId', modelId);
  form.append('dryRun', String(dryRun));
  form.append('additional', JSON.stringify(additional));
  form.append('file', file);
  return answer<ImportRun>(
    importsApi.POST('/api/import-runs', { body: form as never, bodySerializer: (body) => body }),
  );
}

/** The run's failed lines (`<runId>-failed.csv`), downloaded by the browser. */
export async function downloadFailedLines(runId: string): Promise<void> {
  const url = `${window.location.origin}/api/imports/import-runs/${encodeURIComponent(runId)}/failed.csv`;
  const response = await authorizedFetch(url, new Request(url));
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `${runId}-failed.csv`;
  link.click();
  URL.revokeObjectURL(link.href);
}

export const runEventsUrl = (runId: string) =>
  `${window.location.origin}/api/imports/import-runs/${encodeURIComponent(runId)}/events`;
