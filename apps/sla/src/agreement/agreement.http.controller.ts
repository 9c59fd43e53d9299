import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam } from '@itsm/runtime';
import { AgreementQueries, ListAgreementsQuery } from './queries/list-agreements.query';
import {
  AgreementTermsDto,
  DefineAgreementRequestDto,
} from './use-cases/define-agreement/define-agreement.request.dto';
import { DefineAgreementCommand } from './use-cases/define-agreement/define-agreement.handler';
import { DeleteAgreementCommand } from './use-cases/delete-agreement/delete-agreement.handler';

/** SLA and OLA definitions (TTO, TTR) with their escalation levels. */
@ApiTags('slas')
@ApiBearerAuth()
@Controller('api/slas')
export class AgreementHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: AgreementQueries,
  ) {}

  @Get()
  @RequireRights('sla.read')
  list(@CurrentCaller() caller: Caller, @Query() query: ListAgreementsQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  @RequireRights('sla.read')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Post()
  @RequireRights('sla.write')
  @Idempotent()
  async create(@CurrentCaller() caller: Caller, @Body() body: DefineAgreementRequestDto) {
    const { slaId } = await this.commandBus.execute(new DefineAgreementCommand(caller, body));
    return this.queries.get(caller, slaId);
  }

  /** Replaces the terms (its type and kind stay); tickets already given it keep their deadlines. */
  @Put(':id')
  @RequireRights('sla.write')
  async replace(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AgreementTermsDto) {
    const existing = await this.queries.visible(caller, id);
    await this.commandBus.execute(new DefineAgreementCommand(caller, body, existing));
    return this.queries.get(caller, id);
  }

  /** No longer offered nor given by rules; tickets already given it keep their deadlines. 204 */
  @Delete(':id')
  @RequireRights('sla.write')
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @Param() { id }: IdParam): Promise<void> {
    const existing = await this.queries.visible(caller, id);
    await this.commandBus.execute(new DeleteAgreementCommand(caller, existing));
  }
}
