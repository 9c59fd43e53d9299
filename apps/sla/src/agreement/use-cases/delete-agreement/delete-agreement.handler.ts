import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { DefinitionScope } from '../../../shared/definition-scope';
import { agreementDecider, agreementStreamId } from '../../agreement.decider';
import type { AgreementDoc } from '../../read-models/agreement-list.projection';

/**
 * Deletes an agreement the caller sees (`existing`). Rules stop giving it and nobody can set it on
 * a ticket any more; tickets already given it keep their deadlines and levels, as in GLPI.
 */
export class DeleteAgreementCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly existing: AgreementDoc,
  ) {
    super();
  }
}

@CommandHandler(DeleteAgreementCommand)
export class DeleteAgreementHandler implements ICommandHandler<DeleteAgreementCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly scope: DefinitionScope,
  ) {}

  async execute({ caller, existing: { slaId, entityId } }: DeleteAgreementCommand): Promise<void> {
    this.scope.assertWritable(caller, entityId);
    await this.commands.execute(
      agreementDecider,
      agreementStreamId(slaId),
      { type: 'delete-agreement', slaId },
      commandMetadata(caller, entityId),
    );
  }
}
