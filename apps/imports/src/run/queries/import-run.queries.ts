import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { DirectoryReader } from '@itsm/directory';
import { PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { ImportModelCatalogue } from '../../model/import-model-catalogue';
import { secondsLeft } from '../domain/progress';
import { LineResults, type LineCounts, type LineStatus } from '../line-results';
import { LRUCache } from 'lru-cache';
import { RunFiles } from '../run-files';
import { importRunProjection, type ImportRunDoc } from '../read-models/import-run.projection';

export class ListRunsQuery extends PageQuery {
  /** newest first, unless told */
  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  override order: 'asc' | 'desc' = 'desc';

  @ApiPropertyOptional({ enum: ['queued', 'checking', 'running', 'finished', 'failed', 'cancelled'] })
  @IsOptional()
  @IsIn(['queued', 'checking', 'running', 'finished', 'failed', 'cancelled'])
  status?: ImportRunDoc['status'];
}

export class ListLinesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['success', 'warning', 'failed'] })
  @IsOptional()
  @IsIn(['success', 'warning', 'failed'])
  status?: LineStatus;
}

const runView = ({ _id, _sequence, fileId: _file, ...run }: ImportRunDoc & { _id?: unknown; _sequence?: unknown }) =>
  run;

/** Runs the caller may see: of the entities in their scope. */
@Injectable()
export class ImportRunQueries {
  /** the files' lines of data by run: read once, not at each second of a progress stream */
  private readonly totals = new LRUCache<string, number>({ max: 10_000 });

  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly lines: LineResults,
    private readonly models: ImportModelCatalogue,
    private readonly directory: DirectoryReader,
    private readonly files: RunFiles,
  ) {}

  private collection() {
    return this.projections.collection<ImportRunDoc>(importRunProjection.name);
  }

  /**
   * A page of runs, each with its model's name (null when the model was deleted, or is another
   * user's private one) and its requester's display name (null while the directory does not know
   * them): one read of each per page.
   */
  async list(caller: Caller, query: ListRunsQuery) {
    const filter = { entityId: { $in: [...caller.scope] }, ...(query.status && { status: query.status }) };
    const page = await pageOf(await this.collection(), filter, query, 'queuedAt', runView);
    const [modelNames, users] = await Promise.all([
      this.modelNames(
        caller,
        page.items.map((run) => run.modelId),
      ),
      this.directory.usersById([...new Set(page.items.map((run) => run.requestedBy))]),
    ]);
    return {
      ...page,
      items: page.items.map((run) => ({
        ...run,
        modelName: modelNames.get(run.modelId) ?? null,
        requestedByName: users.get(run.requestedBy)?.displayName ?? null,
      })),
    };
  }

  private async modelNames(caller: Caller, modelIds: string[]): Promise<Map<string, string>> {
    const visible = await this.models.visibleFilter(caller);
    const models = await (await this.models.collection())
      .find({ $and: [{ modelId: { $in: [...new Set(modelIds)] } }, visible] }, { projection: { modelId: 1, name: 1 } })
      .toArray();
    return new Map(models.map((model) => [model.modelId, model.name]));
  }

  async visible(caller: Caller, runId: string): Promise<ImportRunDoc> {
    const run = await (await this.collection()).findOne({ runId, entityId: { $in: [...caller.scope] } });
    if (!run) throw new DomainError('not_found', `no import run ${runId}`);
    return run;
  }

  /**
   * The run with its progress: lines answered by status (tallied while it runs, counted once it
   * ended), lines per second since it started, the file's lines and the time left at that pace.
   */
  async progress(caller: Caller, runId: string) {
    const run = await this.visible(caller, runId);
    const [counts, linesTotal] = await Promise.all([this.countsOf(run), this.linesTotal(run)]);
    const done = counts.success + counts.warning + counts.failed;
    const seconds = run.startedAt
      ? (Date.parse(run.endedAt ?? new Date().toISOString()) - Date.parse(run.startedAt)) / 1000
      : 0;
    const linesPerSecond = seconds > 0 ? Math.round((10 * done) / seconds) / 10 : 0;
    return {
      ...runView(run),
      progress: {
        linesDone: done,
        ...counts,
        linesPerSecond,
        linesTotal,
        secondsLeft: secondsLeft(run.endedAt !== null, done, linesTotal, linesPerSecond),
      },
    };
  }

  /**
   * A running run's tally; a finished run's counts as it finished with them (every line had its
   * result: a count would read all its lines again at each look); a failed or cancelled run's lines
   * counted, as answers of lines already sent may still come.
   */
  private countsOf(run: ImportRunDoc): Promise<LineCounts> {
    if (!run.endedAt) return this.lines.tallied(run.runId);
    if (run.status === 'finished' && run.counts) {
      const { succeeded, warnings, failed } = run.counts;
      return Promise.resolve({ success: succeeded - warnings, warning: warnings, failed });
    }
    return this.lines.counts(run.runId);
  }

  /** The file's lines of data (see countLinesTotal), kept once known: a file does not change. */
  private async linesTotal(run: ImportRunDoc): Promise<number | null> {
    const known = this.totals.get(run.runId);
    if (known !== undefined) return known;
    const total = await this.countLinesTotal(run);
    if (total !== null) this.totals.set(run.runId, total);
    return total;
  }

  /** The file's lines of data, counted as it was uploaded (an estimate: see RecordCounter); null when unknown. */
  private async countLinesTotal(run: ImportRunDoc): Promise<number | null> {
    const [records, model] = await Promise.all([
      this.files.records(run.fileId),
      this.models
        .collection()
        .then((models) => models.findOne({ modelId: run.modelId }, { projection: { 'options.headerPresent': 1 } })),
    ]);
    if (records === null) return null;
    return Math.max(0, records - (model?.options.headerPresent === false ? 0 : 1));
  }

  async lineResults(caller: Caller, runId: string, query: ListLinesQuery) {
    await this.visible(caller, runId);
    return this.lines.page(runId, query.status, query.page, query.limit);
  }
}
