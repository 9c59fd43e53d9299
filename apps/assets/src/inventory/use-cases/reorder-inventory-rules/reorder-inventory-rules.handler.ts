import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { INVENTORY_RULES_STREAM, inventoryRulesDecider, ROOT_ENTITY_ID } from '../../inventory-rules.decider';
import type { ReorderInventoryRulesRequestDto } from './reorder-inventory-rules.request.dto';

export class ReorderInventoryRulesCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly request: ReorderInventoryRulesRequestDto,
  ) {
    super();
  }
}

/** Inventory administration (inventory.admin) over every entity the rules name, as when they are set. */
@CommandHandler(ReorderInventoryRulesCommand)
export class ReorderInventoryRulesHandler implements ICommandHandler<ReorderInventoryRulesCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, request }: ReorderInventoryRulesCommand): Promise<void> {
    if (!caller.rights.has('inventory.admin')) throw new DomainError('forbidden', 'this needs inventory.admin');
    const { state } = await this.commands.load(inventoryRulesDecider, INVENTORY_RULES_STREAM);
    const defaultEntityId = state.defaultEntityId ?? ROOT_ENTITY_ID;
    for (const entityId of new Set([defaultEntityId, ...state.entityRules.map((rule) => rule.entityId)])) {
      if (!caller.scope.includes(entityId))
        throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    }
    const { version, importRules, entityRules } = request;
    await this.commands.execute(
      inventoryRulesDecider,
      INVENTORY_RULES_STREAM,
      { type: 'reorder-inventory-rules', version, importRules, entityRules },
      commandMetadata(caller, defaultEntityId),
    );
  }
}
