import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdParam, PageQuery, pageOf, ProjectionRegistry } from '@itsm/runtime';
import { DefinitionScope } from '../shared/definition-scope';
import { ruleListProjection, type SlaRuleDoc } from './read-models/rule-list.projection';
import { DefineRuleCommand } from './use-cases/define-rule/define-rule.handler';
import { DefineRuleRequestDto } from './use-cases/define-rule/rule.request.dto';

const ruleView = ({ ruleId, entityId, recursive, name, rank, criteria, slaIds }: SlaRuleDoc) => ({
  ruleId,
  entityId,
  recursive,
  name,
  rank,
  criteria,
  slaIds,
});

/** Rules choosing the SLAs and OLAs of tickets by entity, type, category and priority. */
@ApiTags('sla-rules')
@ApiBearerAuth()
@Controller('api/sla-rules')
export class RuleHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly projections: ProjectionRegistry,
    private readonly scope: DefinitionScope,
  ) {}

  @Get()
  @RequireRights('sla.read')
  async list(@CurrentCaller() caller: Caller, @Query() query: PageQuery) {
    return pageOf(await this.collection(), await this.scope.visibleFilter(caller), query, 'rank', ruleView);
  }

  @Get(':id')
  @RequireRights('sla.read')
  async get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return ruleView(await this.visible(caller, id));
  }

  @Post()
  @RequireRights('sla.write')
  async create(@CurrentCaller() caller: Caller, @Body() body: DefineRuleRequestDto) {
    const { ruleId } = await this.commandBus.execute(new DefineRuleCommand(caller, body));
    return ruleView(await this.visible(caller, ruleId));
  }

  private collection() {
    return this.projections.collection<SlaRuleDoc>(ruleListProjection.name);
  }

  private async visible(caller: Caller, ruleId: string) {
    return this.scope.findVisible(await this.collection(), caller, { ruleId }, `rule ${ruleId}`);
  }
}
