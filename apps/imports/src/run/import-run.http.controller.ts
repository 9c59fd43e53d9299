import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  Sse,
  UseGuards,
  type MessageEvent,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { IdParam, PROBLEM_CONTENT_TYPE } from '@itsm/runtime';
import { from, interval, startWith, switchMap, takeWhile, type Observable } from 'rxjs';
import { ImportModelCatalogue } from '../model/import-model-catalogue';
import { IMPORTS_SETTINGS, type ImportsSettings } from '../imports.env';
import { readMultipart } from '../shared/multipart';
import { failedLinesFile } from './failed-lines-file';
import { LineResults } from './line-results';
import { ImportRunQueries, ListLinesQuery, ListRunsQuery } from './queries/import-run.queries';
import { VisibleRunGuard } from './queries/visible-run.guard';
import { RunFiles } from './run-files';
import { CancelRunCommand } from './use-cases/cancel-run/cancel-run.handler';
import { StartRunCommand } from './use-cases/start-run/start-run.handler';

const ENDED = new Set(['finished', 'failed', 'cancelled']);

/** "Outils > Data Injection > Importation du fichier": runs, their report and their progress. */
@ApiTags('import-runs')
@ApiBearerAuth()
@Controller('api/import-runs')
export class ImportRunHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: ImportRunQueries,
    private readonly files: RunFiles,
    private readonly lines: LineResults,
    private readonly models: ImportModelCatalogue,
    @Inject(IMPORTS_SETTINGS) private readonly settings: ImportsSettings,
  ) {}

  /** Multipart: `modelId`, `file` (.csv, streamed), optional `dryRun`, `entityId`, `additional` (JSON). Answers 202: the run is queued. */
  @Post()
  @RequireRights('import.run')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['modelId', 'file'],
      properties: {
        modelId: { type: 'string' },
        file: { type: 'string', format: 'binary' },
        dryRun: { type: 'boolean' },
        entityId: { type: 'string' },
        additional: { type: 'string', description: 'JSON object: field → value' },
      },
    },
  })
  @ApiResponse({ status: 202, description: 'the run, queued, with its progress (as GET /api/import-runs/:id)' })
  // the one problem beside the platform's usual ones (withProblems documents those)
  @ApiResponse({
    status: 413,
    description:
      'the file is larger than IMPORT_MAX_FILE_BYTES (1 GiB by default): answered as soon as the limit is passed, ' +
      'nothing kept; `details.limitBytes` gives the limit',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
  })
  async start(@CurrentCaller() caller: Caller, @Req() request: IncomingMessage) {
    const token = request.headers.authorization?.replace(/^Bearer /i, '') ?? '';
    const upload = await readMultipart(request, { fileBytes: this.settings.maxFileBytes }, (file, fileName) =>
      this.files.store(file, fileName),
    );
    const { runId } = await this.commandBus.execute(
      new StartRunCommand(caller, token, { ...upload.result, fileName: upload.fileName, fields: upload.fields }),
    );
    return this.queries.progress(caller, runId);
  }

  @Get()
  @RequireRights('import.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListRunsQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('import.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.progress(caller, id);
  }

  @Get(':id/lines')
  @RequireRights('import.read')
  lineResults(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Query() query: ListLinesQuery) {
    return this.queries.lineResults(caller, id, query);
  }

  @Get(':id/failed.csv')
  @RequireRights('import.read')
  @ApiProduces('text/csv')
  async failedLines(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Res() response: ServerResponse) {
    const run = await this.queries.visible(caller, id);
    const model = await (await this.models.collection()).findOne({ modelId: run.modelId });
    if (!model) throw new DomainError('not_found', `the model of run ${id} was deleted`);
    const failed = await this.lines.failed(id);
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${id}-failed.csv"`,
    });
    await pipeline(Readable.from(failedLinesFile(this.files.open(run.fileId), model, failed)), response);
  }

  /**
   * The run's progress every second, as Server-Sent Events, until it ends. A run the caller does
   * not see is a 404 problem before the stream opens (once it is open, errors can only be events).
   */
  @Sse(':id/events')
  @RequireRights('import.read')
  @UseGuards(VisibleRunGuard)
  events(@CurrentCaller() caller: Caller, @Param() { id }: IdParam): Observable<MessageEvent> {
    return interval(1000).pipe(
      startWith(0),
      switchMap(() => from(this.queries.progress(caller, id))),
      takeWhile((run) => !ENDED.has(run.status), true),
      switchMap((run) => from([{ type: 'progress', data: run } as MessageEvent])),
    );
  }

  @Post(':id/cancel')
  @RequireRights('import.run')
  @HttpCode(200)
  async cancel(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    await this.commandBus.execute(new CancelRunCommand(caller, id));
    return this.queries.progress(caller, id);
  }
}
