import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { Idempotent, IdParam, PageQuery } from '@itsm/runtime';
import { RuleQueries } from './queries/list-rules.query';
import { DefineRuleCommand } from './use-cases/define-rule/define-rule.handler';
import { DeleteRuleCommand } from './use-cases/delete-rule/delete-rule.handler';
import { DefineRuleRequestDto, RuleTermsDto } from './use-cases/define-rule/define-rule.request.dto';

/** Rules choosing the SLAs and OLAs of tickets by entity, type, category and priority. */
@ApiTags('sla-rules')
@ApiBearerAuth()
@Controller('api/sla-rules')
export class RuleHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: RuleQueries,
  ) {}

  @Get()
  @RequireRights('sla.read')
  list(@CurrentCaller() caller: Caller, @Query() query: PageQuery) {
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
  async create(@CurrentCaller() caller: Caller, @Body() body: DefineRuleRequestDto) {
    const { ruleId } = await this.commandBus.execute(new DefineRuleCommand(caller, body));
    return this.queries.get(caller, ruleId);
  }

  /** Replaces the name, rank, criteria and agreements (the entity stays); later tickets follow it. */
  @Put(':id')
  @RequireRights('sla.write')
  async replace(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: RuleTermsDto) {
    const existing = await this.queries.visible(caller, id);
    await this.commandBus.execute(new DefineRuleCommand(caller, body, existing));
    return this.queries.get(caller, id);
  }

  /** Later tickets no longer follow it; the deadlines it gave stay. 204 */
  @Delete(':id')
  @RequireRights('sla.write')
  @HttpCode(204)
  async remove(@CurrentCaller() caller: Caller, @Param() { id }: IdParam): Promise<void> {
    const existing = await this.queries.visible(caller, id);
    await this.commandBus.execute(new DeleteRuleCommand(caller, existing));
  }
}
