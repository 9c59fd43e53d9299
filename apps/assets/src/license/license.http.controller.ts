import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField, Idempotent, IdParam, SmallBody } from '@itsm/runtime';
import { LicenseQueries } from './queries/license-queries';
import { ListLicensesQuery } from './queries/list-licenses.query';
import { ChangeLicenseCommand, type LicenseChange } from './use-cases/change-license/change-license.handler';
import { CreateLicenseCommand } from './use-cases/create-license/create-license.handler';
import { CreateLicenseRequestDto } from './use-cases/create-license/create-license.request.dto';
import { ChangeLicenseRequestDto } from './use-cases/change-license/change-license.request.dto';

class SeatRequestDto {
  @IdField('the computer') computerId!: string;
}
class SeatParams extends IdParam {
  @IdField('computerId') computerId!: string;
}

/** GLPI's "Licences": seats, expiry, the computers holding a seat, and compliance. */
@ApiTags('licenses')
@ApiBearerAuth()
@Controller('api/licenses')
export class LicenseHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: LicenseQueries,
  ) {}

  @Get()
  @RequireRights('license.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListLicensesQuery) {
    return this.queries.list(caller, query);
  }

  @Post()
  @RequireRights('license.write')
  @Idempotent()
  @SmallBody()
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateLicenseRequestDto) {
    const { licenseId } = await this.commandBus.execute(new CreateLicenseCommand(caller, body));
    return this.queries.get(caller, licenseId);
  }

  @Get(':id')
  @RequireRights('license.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Patch(':id')
  @RequireRights('license.write')
  @SmallBody()
  change(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: ChangeLicenseRequestDto) {
    return this.changed(caller, id, { kind: 'terms', terms: body });
  }

  @Delete(':id')
  @RequireRights('license.write')
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    await this.commandBus.execute(new ChangeLicenseCommand(caller, id, { kind: 'delete' }));
  }

  /** Gives a computer a seat: refused past the seats unless over-quota is allowed. */
  @Post(':id/computers')
  @RequireRights('license.write')
  @HttpCode(200)
  @SmallBody()
  assign(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() { computerId }: SeatRequestDto) {
    return this.changed(caller, id, { kind: 'assign', computerId });
  }

  @Delete(':id/computers/:computerId')
  @RequireRights('license.write')
  unassign(@CurrentCaller() caller: Caller, @Param() { id, computerId }: SeatParams) {
    return this.changed(caller, id, { kind: 'unassign', computerId });
  }

  private async changed(caller: Caller, licenseId: string, change: LicenseChange) {
    await this.commandBus.execute(new ChangeLicenseCommand(caller, licenseId, change));
    return this.queries.get(caller, licenseId);
  }
}
