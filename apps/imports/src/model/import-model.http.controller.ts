import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { buffer } from 'node:stream/consumers';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { IdParam, Idempotent } from '@itsm/runtime';
import { readMultipart } from '../shared/multipart';
import { DELIMITER, DELIMITER_RULE } from './domain/import-options';
import { isTargetType } from './domain/target-fields';
import { ImportModelQueries, ListModelsQuery } from './queries/import-model.queries';
import { ChangeModelCommand } from './use-cases/change-model/change-model.handler';
import { CreateModelCommand } from './use-cases/create-model/create-model.handler';
import { DeleteModelCommand } from './use-cases/delete-model/delete-model.handler';
import { ChangeModelRequestDto, CreateModelRequestDto } from './use-cases/model-fields.dto';
import { proposeModel, SAMPLE_BYTES } from './use-cases/propose-model/propose-model';

/** "Outils > Data Injection > Modèles". */
@ApiTags('import-models')
@ApiBearerAuth()
@Controller('api/import-models')
export class ImportModelHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: ImportModelQueries,
  ) {}

  @Get()
  @RequireRights('import.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListModelsQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('import.read')
  get(@CurrentCaller() caller: Caller, @Param() { id: modelId }: IdParam) {
    return this.queries.get(caller, modelId);
  }

  @Post()
  @RequireRights('import.run')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateModelRequestDto) {
    const { modelId } = await this.commandBus.execute(new CreateModelCommand(caller, body));
    return this.queries.get(caller, modelId);
  }

  /** A sample file (multipart: `file`, `targetType`, optional `delimiter`): its first 20 lines, the mapping proposed from its header. */
  @Post('propose')
  @RequireRights('import.run')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'targetType'],
      properties: {
        file: { type: 'string', format: 'binary' },
        targetType: { type: 'string' },
        delimiter: { type: 'string' },
      },
    },
  })
  async propose(@Req() request: IncomingMessage) {
    const upload = await readMultipart(request, { fileBytes: SAMPLE_BYTES, truncate: true }, (file) => buffer(file));
    const { targetType, delimiter } = upload.fields;
    if (!targetType || !isTargetType(targetType)) {
      throw new DomainError('invalid', 'targetType names no importable type', {
        errors: [{ field: 'targetType', message: 'unknown' }],
      });
    }
    if (delimiter !== undefined && !DELIMITER.test(delimiter)) {
      throw new DomainError('invalid', `delimiter is ${DELIMITER_RULE}`, {
        errors: [{ field: 'delimiter', message: DELIMITER_RULE }],
      });
    }
    return proposeModel(targetType, upload.result, upload.truncated, delimiter);
  }

  @Patch(':id')
  @RequireRights('import.run')
  async change(
    @CurrentCaller() caller: Caller,
    @Param() { id: modelId }: IdParam,
    @Body() body: ChangeModelRequestDto,
  ) {
    await this.commandBus.execute(new ChangeModelCommand(caller, modelId, body));
    return this.queries.get(caller, modelId);
  }

  @Delete(':id')
  @RequireRights('import.run')
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @Param() { id: modelId }: IdParam) {
    await this.commandBus.execute(new DeleteModelCommand(caller, modelId));
  }
}
