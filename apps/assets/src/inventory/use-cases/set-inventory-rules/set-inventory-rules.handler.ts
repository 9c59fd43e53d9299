import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, EntityTreeReader, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { INVENTORY_RULES_STREAM, inventoryRulesDecider } from '../../inventory-rules.decider';
import type { SetInventoryRulesRequestDto } from './set-inventory-rules.request.dto';

export class SetInventoryRulesCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly request: SetInventoryRulesRequestDto,
  ) {
    super();
  }
}

/** Inventory administration (inventory.admin) over every entity the rules name. */
@CommandHandler(SetInventoryRulesCommand)
export class SetInventoryRulesHandler implements ICommandHandler<SetInventoryRulesCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly tree: EntityTreeReader,
  ) {}

  async execute({ caller, request }: SetInventoryRulesCommand): Promise<void> {
    if (!caller.rights.has('inventory.admin')) throw new DomainError('forbidden', 'this needs inventory.admin');
    const tree = await this.tree.tree();
    const named = [request.defaultEntityId, ...request.entityRules.map((rule) => rule.entityId)];
    for (const entityId of new Set(named)) {
      if (!tree.has(entityId)) throw new DomainError('rule', `entityId: no entity ${entityId}`);
      if (!caller.scope.includes(entityId)) {
        throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
      }
    }
    const strip = <T extends object>(value: T) =>
      Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
    await this.commands.execute(
      inventoryRulesDecider,
      INVENTORY_RULES_STREAM,
      {
        type: 'set-inventory-rules',
        importRules: request.importRules.map(({ name, criteria }) => ({ name, criteria })),
        entityRules: request.entityRules.map(strip),
        defaultEntityId: request.defaultEntityId,
      },
      commandMetadata(caller, request.defaultEntityId),
    );
  }
}
