import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, SmallBody } from '@itsm/runtime';
import { LicenseQueries } from '../license/queries/license-queries';
import { ListInstallationsQuery, ListSoftwareQuery } from './queries/list-software.query';
import { SoftwareQueries } from './queries/software-queries';
import { AddVersionCommand } from './use-cases/add-version/add-version.handler';
import { AddVersionRequestDto } from './use-cases/add-version/add-version.request.dto';
import { CreateSoftwareCommand } from './use-cases/create-software/create-software.handler';
import { CreateSoftwareRequestDto } from './use-cases/create-software/create-software.request.dto';

/** GLPI's "Logiciels": the catalogue, its versions, the computers having them, their compliance. */
@ApiTags('software')
@ApiBearerAuth()
@Controller('api/software')
export class SoftwareHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: SoftwareQueries,
    private readonly licenses: LicenseQueries,
  ) {}

  @Get()
  @RequireRights('software.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListSoftwareQuery) {
    return this.queries.list(caller, query);
  }

  @Post()
  @RequireRights('software.write')
  @Idempotent()
  @SmallBody()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateSoftwareRequestDto) {
    const { softwareId } = await this.commandBus.execute(new CreateSoftwareCommand(caller, body));
    return this.queries.get(caller, softwareId);
  }

  @Get(':id')
  @RequireRights('software.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Get(':id/versions')
  @RequireRights('software.read')
  versions(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.versions(caller, id);
  }

  @Post(':id/versions')
  @RequireRights('software.write')
  @Idempotent()
  @SmallBody()
  async addVersion(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AddVersionRequestDto) {
    const { versionId } = await this.commandBus.execute(new AddVersionCommand(caller, id, body));
    return (await this.queries.get(caller, id)).versions.find((version) => version.versionId === versionId);
  }

  /** "Which computers have X (version Y)". */
  @Get(':id/installations')
  @RequireRights('software.read')
  installations(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Query() query: ListInstallationsQuery) {
    return this.queries.installations(caller, id, query);
  }

  /** Seats bought against computers having it. */
  @Get(':id/compliance')
  @RequireRights('software.read', 'license.read')
  compliance(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.licenses.compliance(caller, id);
  }
}
