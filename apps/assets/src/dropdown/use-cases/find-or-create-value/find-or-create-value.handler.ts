import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller, SystemCaller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { DropdownCatalogue } from '../../dropdown-catalogue';
import { DropdownWrites } from '../../dropdown-writes';

export interface WantedValue {
  kind: DropdownKind;
  /** where the value is needed: one of its own, or a recursive one above, serves */
  entityId: string;
  name: string;
  parentId?: string | null;
  /** a value created gets it; one found keeps its own */
  comment?: string | null;
}

export class FindOrCreateValueCommand extends Command<{ valueId: string }> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly wanted: WantedValue,
  ) {
    super();
  }
}

/**
 * What inventories and imports use: the value of that name (trimmed, any case) usable in the
 * entity, else a new recursive one there. Two at once for the same name meet in the decider.
 */
@CommandHandler(FindOrCreateValueCommand)
export class FindOrCreateValueHandler implements ICommandHandler<FindOrCreateValueCommand> {
  constructor(
    private readonly catalogue: DropdownCatalogue,
    private readonly writes: DropdownWrites,
  ) {}

  async execute({ caller, wanted }: FindOrCreateValueCommand) {
    const parentId = wanted.parentId ?? null;
    const found = await this.catalogue.findUsable(wanted.kind, wanted.entityId, wanted.name, parentId);
    if (found) return { valueId: found.valueId };
    const { kind, entityId, name, comment = null } = wanted;
    const value = { kind, entityId, name, recursive: true, parentId, comment };
    this.writes.assertMayWrite(caller, value.entityId);
    await this.writes.assertParent(value);
    return { valueId: await this.writes.add(caller, value, true) };
  }
}
