import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { computerSoftwareDecider, computerSoftwareStreamId } from '../../computer-software.decider';
import { AssetLookup } from '../../../shared/asset-lookup';
import { SoftwareInstallationsFeed } from '../../read-models/software-installations.feed';

export class UninstallSoftwareCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly computerId: string,
    readonly versionId: string,
  ) {
    super();
  }
}

/** GLPI's "Désinstaller": whatever installed it (an inventory or a person); the next inventory may find it again. */
@CommandHandler(UninstallSoftwareCommand)
export class UninstallSoftwareHandler implements ICommandHandler<UninstallSoftwareCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly computers: AssetLookup,
    private readonly feed: SoftwareInstallationsFeed,
  ) {}

  async execute({ caller, computerId, versionId }: UninstallSoftwareCommand) {
    const computer = await this.computers.changeable(caller, computerId);
    const installed = (await this.feed.installedOn(computerId)).find((one) => one.versionId === versionId);
    if (!installed)
      throw new DomainError('not_found', `version ${versionId} is not installed on computer ${computerId}`);
    const { version } = await this.commands.execute(
      computerSoftwareDecider,
      computerSoftwareStreamId(computerId),
      { type: 'uninstall-software', computerId, softwareId: installed.softwareId, versionId, present: true },
      commandMetadata(caller, computer.entityId),
    );
    await this.feed.catchUp(computerSoftwareStreamId(computerId), version);
  }
}
