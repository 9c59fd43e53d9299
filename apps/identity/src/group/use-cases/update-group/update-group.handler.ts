import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import type { GroupFieldsDto } from '../group-fields.dto';
import { groupDecider, groupStreamId } from '../../group.decider';

export class UpdateGroupCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly groupId: string,
    readonly request: GroupFieldsDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateGroupCommand)
export class UpdateGroupHandler implements ICommandHandler<UpdateGroupCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, groupId, request }: UpdateGroupCommand) {
    const group = await this.directory.visibleGroup(caller, groupId);
    const parentLineage = request.parentId ? await this.lineageOf(caller, request.parentId) : [];
    await this.commands.execute(
      groupDecider,
      groupStreamId(groupId),
      // the DTO instance holds every declared field, undefined when the request left it out
      { type: 'update-group', changes: definedFields(request), parentLineage },
      commandMetadata(caller, group.entityId),
    );
  }

  /** The parent group and its ancestors, so the decider can refuse a cycle. */
  private async lineageOf(caller: Caller, parentId: string): Promise<string[]> {
    const lineage: string[] = [];
    let current: string | null = parentId;
    while (current && !lineage.includes(current)) {
      lineage.push(current);
      current = (await this.directory.visibleGroup(caller, current)).parentId;
    }
    return lineage;
  }
}

function definedFields(request: GroupFieldsDto): GroupFieldsDto {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined));
}
