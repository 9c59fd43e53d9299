import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError, fieldsRefusal, notVisibleIn } from '@itsm/domain';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { HeldVisibility } from '../../../shared/held-visibility';
import { SoftwareQueries } from '../../../software/queries/software-queries';
import { licenseDecider, licenseStreamId } from '../../license.decider';
import { utcOrNull } from '../license-terms.dto';
import type { CreateLicenseRequestDto } from './create-license.request.dto';

export class CreateLicenseCommand extends Command<{ licenseId: string }> {
  constructor(
    readonly caller: Caller,
    readonly request: CreateLicenseRequestDto,
  ) {
    super();
  }
}

/** A licence of a software the licence's entity sees (and of one of its versions, when named). */
@CommandHandler(CreateLicenseCommand)
export class CreateLicenseHandler implements ICommandHandler<CreateLicenseCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly software: SoftwareQueries,
    private readonly visibility: HeldVisibility,
  ) {}

  async execute({ caller, request }: CreateLicenseCommand) {
    const entityId = request.entityId ?? caller.entityId;
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    const software = await this.software.visible(caller, request.softwareId);
    const versionId = request.versionId ?? null;
    const refusal = fieldsRefusal([
      ...((await this.visibility.serves(software, entityId))
        ? []
        : [{ field: 'softwareId', message: `software ${software.name} is ${notVisibleIn(entityId)}` }]),
      ...(versionId === null || software.versions.some((version) => version.versionId === versionId)
        ? []
        : [{ field: 'versionId', message: `software ${software.name} has no version ${versionId}` }]),
    ]);
    if (refusal) throw refusal;
    const licenseId = newId();
    await this.commands.execute(
      licenseDecider,
      licenseStreamId(licenseId),
      {
        type: 'create-license',
        licenseId,
        softwareId: software.softwareId,
        versionId,
        entityId,
        recursive: request.recursive ?? true,
        name: request.name,
        serial: request.serial ?? null,
        seats: request.seats,
        expiresAt: utcOrNull(request.expiresAt) ?? null,
        overQuotaAllowed: request.overQuotaAllowed ?? false,
      },
      commandMetadata(caller, entityId),
      { newStream: true },
    );
    return { licenseId };
  }
}
