import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdParam, PageQuery, SmallBody } from '@itsm/runtime';
import { InventoryRulesReader } from './inventory-rules.reader';
import { InventoryQueries } from './queries/inventory-queries';
import { ReorderInventoryRulesCommand } from './use-cases/reorder-inventory-rules/reorder-inventory-rules.handler';
import { ReorderInventoryRulesRequestDto } from './use-cases/reorder-inventory-rules/reorder-inventory-rules.request.dto';
import { SetInventoryRulesCommand } from './use-cases/set-inventory-rules/set-inventory-rules.handler';
import { SetInventoryRulesRequestDto } from './use-cases/set-inventory-rules/set-inventory-rules.request.dto';

/** The agents that report, and the rules that place what they report (inventory administration). */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller('api')
export class InventoryAdminHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: InventoryQueries,
    private readonly rules: InventoryRulesReader,
  ) {}

  @Get('agents')
  @RequireRights('inventory.admin')
  agents(@CurrentCaller() caller: Caller, @Query() query: PageQuery) {
    return this.queries.agents(caller, query);
  }

  @Get('inventory-rules')
  @RequireRights('inventory.admin')
  async getRules() {
    const { importRules, entityRules, defaultEntityId, version } = await this.rules.current();
    return { importRules, entityRules, defaultEntityId, version };
  }

  @Put('inventory-rules')
  @RequireRights('inventory.admin')
  async setRules(@CurrentCaller() caller: Caller, @Body() body: SetInventoryRulesRequestDto) {
    await this.commandBus.execute(new SetInventoryRulesCommand(caller, body));
    this.rules.forget();
    return this.getRules();
  }

  /** GLPI's "Monter"/"Descendre": the same rules in another order, the matching order. */
  @Put('inventory-rules/order')
  @RequireRights('inventory.admin')
  @SmallBody()
  async reorderRules(@CurrentCaller() caller: Caller, @Body() body: ReorderInventoryRulesRequestDto) {
    await this.commandBus.execute(new ReorderInventoryRulesCommand(caller, body));
    this.rules.forget();
    return this.getRules();
  }
}

/** GLPI's Composants, Volumes and Ports réseau tabs of a computer, as its agent last reported them. */
@ApiTags('computers')
@ApiBearerAuth()
@Controller('api/computers')
export class ComputerCompositionHttpController {
  constructor(private readonly queries: InventoryQueries) {}

  @Get(':id/components')
  components(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.composition(caller, id, 'components');
  }

  @Get(':id/volumes')
  volumes(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.composition(caller, id, 'volumes');
  }

  @Get(':id/network-ports')
  networkPorts(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.composition(caller, id, 'networkPorts');
  }
}
