import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DROPDOWN_KINDS, type DropdownKind } from '@itsm/contracts';
import { IdField, Idempotent, SmallBody } from '@itsm/runtime';
import { DropdownQueries, ListValuesQuery } from './queries/dropdown-queries';
import { AddValueCommand } from './use-cases/add-value/add-value.handler';
import { AddValueRequestDto } from './use-cases/add-value/add-value.request.dto';
import { ChangeValueCommand } from './use-cases/change-value/change-value.handler';
import { ChangeValueRequestDto } from './use-cases/change-value/change-value.request.dto';

class KindParam {
  @ApiProperty({ enum: DROPDOWN_KINDS })
  @IsIn(DROPDOWN_KINDS, { message: `kind must be one of ${DROPDOWN_KINDS.join(', ')}` })
  kind!: DropdownKind;
}
class ValueParams extends KindParam {
  @IdField('id') id!: string;
}

/** "Intitulés" of the Parc: types and models of each kind, manufacturers, statuses, locations (a tree). */
@ApiTags('asset-dropdowns')
@ApiBearerAuth()
@Controller('api/asset-dropdowns')
export class DropdownHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: DropdownQueries,
  ) {}

  /** Declared before `:kind` routes so that "locations" is not read as a kind. */
  @Get('locations/tree')
  @RequireRights('asset.read')
  locationTree(@CurrentCaller() caller: Caller) {
    return this.queries.locations(caller);
  }

  @Get(':kind')
  @RequireRights('asset.read')
  list(@CurrentCaller() caller: Caller, @Param() { kind }: KindParam, @Query() query: ListValuesQuery) {
    return this.queries.list(caller, kind, query);
  }

  @Post(':kind')
  @RequireRights('asset.write')
  @Idempotent()
  @SmallBody()
  async add(@CurrentCaller() caller: Caller, @Param() { kind }: KindParam, @Body() body: AddValueRequestDto) {
    const { valueId } = await this.commandBus.execute(new AddValueCommand(caller, kind, body));
    return this.queries.view(caller, kind, valueId);
  }

  @Patch(':kind/:id')
  @RequireRights('asset.write')
  @SmallBody()
  async change(
    @CurrentCaller() caller: Caller,
    @Param() { kind, id }: ValueParams,
    @Body() body: ChangeValueRequestDto,
  ) {
    await this.commandBus.execute(new ChangeValueCommand(caller, kind, id, body));
    return this.queries.view(caller, kind, id);
  }
}
