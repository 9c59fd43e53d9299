import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { fieldsRefusal, notVisibleIn } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { HeldVisibility } from '../../../shared/held-visibility';
import { SoftwareQueries } from '../../../software/queries/software-queries';
import { computerSoftwareDecider, computerSoftwareStreamId } from '../../computer-software.decider';
import { AssetLookup } from '../../../shared/asset-lookup';
import { SoftwareInstallationsFeed } from '../../read-models/software-installations.feed';
import type { InstallSoftwareRequestDto } from './install-software.request.dto';

export class InstallSoftwareCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly computerId: string,
    readonly request: InstallSoftwareRequestDto,
  ) {
    super();
  }
}

/**
 * GLPI's "Installer" on a computer: a version of a software the computer's entity sees, on a
 * computer of the caller's scope out of the trash, not installed there already.
 */
@CommandHandler(InstallSoftwareCommand)
export class InstallSoftwareHandler implements ICommandHandler<InstallSoftwareCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly computers: AssetLookup,
    private readonly software: SoftwareQueries,
    private readonly visibility: HeldVisibility,
    private readonly feed: SoftwareInstallationsFeed,
  ) {}

  async execute({ caller, computerId, request }: InstallSoftwareCommand) {
    const { softwareId, versionId } = request;
    const computer = await this.computers.changeable(caller, computerId);
    const software = await this.software.visible(caller, softwareId);
    const refusal = fieldsRefusal([
      ...(software.versions.some((version) => version.versionId === versionId)
        ? []
        : [{ field: 'versionId', message: `software ${software.name} has no version ${versionId}` }]),
      ...((await this.visibility.serves(software, computer.entityId))
        ? []
        : [{ field: 'softwareId', message: `software ${software.name} is ${notVisibleIn(computer.entityId)}` }]),
    ]);
    if (refusal) throw refusal;
    const present = (await this.feed.installedOn(computerId)).some((one) => one.versionId === versionId);
    const { version } = await this.commands.execute(
      computerSoftwareDecider,
      computerSoftwareStreamId(computerId),
      {
        type: 'install-software',
        computerId,
        softwareId,
        versionId,
        installedAt: request.installedAt ? new Date(request.installedAt).toISOString() : null,
        present,
      },
      commandMetadata(caller, computer.entityId),
    );
    await this.feed.catchUp(computerSoftwareStreamId(computerId), version);
  }
}
