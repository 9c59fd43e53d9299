import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { DefinitionScope } from '../../../shared/definition-scope';
import { slaRuleDecider, slaRuleStreamId } from '../../sla-rule.decider';
import type { SlaRuleDoc } from '../../read-models/rule-list.projection';

/** Deletes a rule the caller sees (`existing`): later tickets no longer follow it; given deadlines stay. */
export class DeleteRuleCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly existing: SlaRuleDoc,
  ) {
    super();
  }
}

@CommandHandler(DeleteRuleCommand)
export class DeleteRuleHandler implements ICommandHandler<DeleteRuleCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly scope: DefinitionScope,
  ) {}

  async execute({ caller, existing: { ruleId, entityId } }: DeleteRuleCommand): Promise<void> {
    this.scope.assertWritable(caller, entityId);
    await this.commands.execute(
      slaRuleDecider,
      slaRuleStreamId(ruleId),
      { type: 'delete-rule', ruleId },
      commandMetadata(caller, entityId),
    );
  }
}
