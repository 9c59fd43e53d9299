import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { CategoryCatalogue } from '../../category-catalogue';
import { categoryDecider, categoryStreamId } from '../../category.decider';
import type { CreateCategoryRequestDto } from './create-category.request.dto';

export class CreateCategoryCommand extends Command<{ categoryId: string }> {
  constructor(
    readonly caller: Caller | (SystemCaller & { entityId: string }),
    readonly request: CreateCategoryRequestDto,
  ) {
    super();
  }
}

@CommandHandler(CreateCategoryCommand)
export class CreateCategoryHandler implements ICommandHandler<CreateCategoryCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly catalogue: CategoryCatalogue,
  ) {}

  async execute({ caller, request }: CreateCategoryCommand) {
    const entityId = request.entityId ?? caller.entityId;
    if (!isSystemCaller(caller)) {
      if (!caller.scope.includes(entityId))
        throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
      if (request.parentId) {
        const parent = await (
          await this.catalogue.collection()
        ).findOne({
          $and: [{ categoryId: request.parentId }, await this.catalogue.visibleFilter(caller)],
        });
        if (!parent) throw new DomainError('rule', `unknown parent category ${request.parentId}`);
      }
    }
    const categoryId = newId();
    await this.commands.execute(
      categoryDecider,
      categoryStreamId(categoryId),
      {
        type: 'create-category',
        categoryId,
        name: request.name,
        parentId: request.parentId ?? null,
        entityId,
        recursive: request.recursive ?? true,
        forIncidents: request.forIncidents ?? true,
        forRequests: request.forRequests ?? true,
      },
      commandMetadata(caller, entityId),
    );
    return { categoryId };
  }
}
