import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { EventSourcedCommands } from '@itsm/runtime';
import { DropdownQueries } from '../../queries/dropdown-queries';
import { DropdownWrites } from '../../dropdown-writes';
import { dropdownDecider, dropdownStreamId } from '../../dropdown.decider';

export class RenameValueCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly kind: DropdownKind,
    readonly valueId: string,
    readonly name: string,
  ) {
    super();
  }
}

/** Renames a value of a catalogue of the caller's entities; a name taken there is a 409. */
@CommandHandler(RenameValueCommand)
export class RenameValueHandler implements ICommandHandler<RenameValueCommand> {
  constructor(
    private readonly queries: DropdownQueries,
    private readonly writes: DropdownWrites,
    private readonly commands: EventSourcedCommands,
  ) {}

  async execute({ caller, kind, valueId, name }: RenameValueCommand) {
    const value = await this.queries.get(caller, kind, valueId);
    this.writes.assertMayWrite(caller, value.entityId);
    await this.commands.execute(
      dropdownDecider,
      dropdownStreamId(kind, value.entityId),
      { type: 'rename-value', valueId, kind, name },
      commandMetadata(caller, value.entityId),
    );
  }
}
