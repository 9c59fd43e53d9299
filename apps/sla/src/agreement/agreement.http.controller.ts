import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { contains, IdParam, PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { levelsOf } from '../tracking/deadlines';
import { DefinitionScope } from '../shared/definition-scope';
import { agreementListProjection, type AgreementDoc } from './read-models/agreement-list.projection';
import { DefineAgreementRequestDto } from './use-cases/define-agreement/agreement.request.dto';
import { DefineAgreementCommand } from './use-cases/define-agreement/define-agreement.handler';

class ListAgreementsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(255) name?: string;
  @ApiPropertyOptional({ enum: ['sla', 'ola'] }) @IsOptional() @IsIn(['sla', 'ola']) agreement?: 'sla' | 'ola';
  @ApiPropertyOptional({ enum: ['tto', 'ttr'] }) @IsOptional() @IsIn(['tto', 'ttr']) kind?: 'tto' | 'ttr';
}

/** The definition with the levels that will run, the implicit breach at the deadline included. */
const agreementView = (doc: AgreementDoc) => {
  const { slaId, entityId, recursive, name, agreement, kind, duration, unit, calendarId, useEntityCalendar } = doc;
  const terms = { name, agreement, kind, duration, unit, calendarId, useEntityCalendar };
  return { slaId, entityId, recursive, ...terms, levels: levelsOf(doc) };
};

/** SLA and OLA definitions (TTO, TTR) with their escalation levels. */
@ApiTags('slas')
@ApiBearerAuth()
@Controller('api/slas')
export class AgreementHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  @Get()
  @RequireRights('sla.read')
  async list(@CurrentCaller() caller: Caller, @Query() query: ListAgreementsQuery) {
    const criteria: Record<string, unknown>[] = [await this.scope.visibleFilter(caller)];
    if (query.name) criteria.push({ name: contains(query.name) });
    if (query.agreement) criteria.push({ agreement: query.agreement });
    if (query.kind) criteria.push({ kind: query.kind });
    return pageOf(await this.collection(), { $and: criteria }, query, 'name', agreementView);
  }

  @Get(':id')
  @RequireRights('sla.read')
  async get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return agreementView(await this.visible(caller, id));
  }

  @Post()
  @RequireRights('sla.write')
  async create(@CurrentCaller() caller: Caller, @Body() body: DefineAgreementRequestDto) {
    const { slaId } = await this.commandBus.execute(new DefineAgreementCommand(caller, body));
    return agreementView(await this.visible(caller, slaId));
  }

  private collection() {
    return this.projections.collection<AgreementDoc>(agreementListProjection.name);
  }

  private async visible(caller: Caller, slaId: string) {
    return this.scope.findVisible(await this.collection(), caller, { slaId }, `SLA ${slaId}`);
  }
}
