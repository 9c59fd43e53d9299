import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { EventSourcedCommands } from '@itsm/runtime';
import { DropdownQueries } from '../../queries/dropdown-queries';
import { DropdownWrites } from '../../dropdown-writes';
import { dropdownDecider, dropdownStreamId } from '../../dropdown.decider';

/** What changes: the absent parts stay; a null comment clears it. */
export interface ValueChanges {
  name?: string;
  comment?: string | null;
}

export class ChangeValueCommand extends Command<{ valueId: string }> {
  constructor(
    readonly caller: Caller,
    readonly kind: DropdownKind,
    readonly valueId: string,
    readonly changes: ValueChanges,
  ) {
    super();
  }
}

/**
 * Renames a value of a catalogue of the caller's entities (a name taken there is a 409), or sets
 * its comment: PATCH /api/asset-dropdowns/:kind/:id and `dropdown.update` (imports).
 */
@CommandHandler(ChangeValueCommand)
export class ChangeValueHandler implements ICommandHandler<ChangeValueCommand> {
  constructor(
    private readonly queries: DropdownQueries,
    private readonly writes: DropdownWrites,
    private readonly commands: EventSourcedCommands,
  ) {}

  async execute({ caller, kind, valueId, changes }: ChangeValueCommand) {
    const value = await this.queries.get(caller, kind, valueId);
    this.writes.assertMayWrite(caller, value.entityId);
    await this.commands.execute(
      dropdownDecider,
      dropdownStreamId(kind, value.entityId),
      { type: 'change-value', valueId, kind, ...changes },
      commandMetadata(caller, value.entityId),
    );
    // an import's line reports the value it changed
    return { valueId };
  }
}
