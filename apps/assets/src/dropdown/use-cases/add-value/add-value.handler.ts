import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { DropdownWrites } from '../../dropdown-writes';
import type { AddValueRequestDto } from './add-value.request.dto';

export class AddValueCommand extends Command<{ valueId: string }> {
  constructor(
    readonly caller: Caller,
    readonly kind: DropdownKind,
    readonly request: AddValueRequestDto,
  ) {
    super();
  }
}

/** A person adds a value to a catalogue; a name the entity's catalogue has already is a 409. */
@CommandHandler(AddValueCommand)
export class AddValueHandler implements ICommandHandler<AddValueCommand> {
  constructor(private readonly writes: DropdownWrites) {}

  async execute({ caller, kind, request }: AddValueCommand) {
    const value = {
      kind,
      entityId: request.entityId ?? caller.entityId,
      name: request.name,
      recursive: request.recursive ?? true,
      parentId: request.parentId ?? null,
      comment: request.comment ?? null,
    };
    this.writes.assertMayWrite(caller, value.entityId);
    await this.writes.assertParent(value);
    return { valueId: await this.writes.add(caller, value, false) };
  }
}
