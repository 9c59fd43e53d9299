import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField, IdParam, PageQuery, SmallBody } from '@itsm/runtime';
import { SoftwareQueries } from '../software/queries/software-queries';
import { AssetLookup } from '../shared/asset-lookup';
import { InstallSoftwareCommand } from './use-cases/install-software/install-software.handler';
import { InstallSoftwareRequestDto } from './use-cases/install-software/install-software.request.dto';
import { UninstallSoftwareCommand } from './use-cases/uninstall-software/uninstall-software.handler';

class VersionParams extends IdParam {
  @IdField('versionId') versionId!: string;
}

/** A computer's "Logiciels" tab: what is installed, by an inventory or by hand. */
@ApiTags('computers')
@ApiBearerAuth()
@Controller('api/computers/:id/software')
export class ComputerSoftwareHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly computers: AssetLookup,
    private readonly software: SoftwareQueries,
  ) {}

  @Get()
  @RequireRights('software.read')
  async list(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Query() query: PageQuery) {
    await this.computers.visible(caller, id);
    return this.software.ofComputer(id, query);
  }

  @Post()
  @RequireRights('asset.write', 'software.read')
  @SmallBody()
  async install(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: InstallSoftwareRequestDto) {
    await this.commandBus.execute(new InstallSoftwareCommand(caller, id, body));
    return this.software.ofComputer(id, new PageQuery());
  }

  @Delete(':versionId')
  @RequireRights('asset.write')
  @HttpCode(204)
  async uninstall(@CurrentCaller() caller: Caller, @Param() { id, versionId }: VersionParams) {
    await this.commandBus.execute(new UninstallSoftwareCommand(caller, id, versionId));
  }
}
