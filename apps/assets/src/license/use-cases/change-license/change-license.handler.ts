import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { fieldsRefusal, notVisibleIn } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { AssetLookup } from '../../../shared/asset-lookup';
import { HeldVisibility } from '../../../shared/held-visibility';
import type { LicenseListDoc } from '../../read-models/license-list.projection';
import { licenseDecider, licenseStreamId, type LicenseCommand } from '../../license.decider';
import { LicenseQueries } from '../../queries/license-queries';
import { SoftwareQueries } from '../../../software/queries/software-queries';
import { utcOrNull } from '../license-terms.dto';
import type { ChangeLicenseRequestDto } from './change-license.request.dto';

/** What is done to an existing licence: its terms changed, a computer given or taking back a seat, or deleted. */
export type LicenseChange =
  | { kind: 'terms'; terms: ChangeLicenseRequestDto }
  | { kind: 'assign' | 'unassign'; computerId: string }
  | { kind: 'delete' };

export class ChangeLicenseCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly licenseId: string,
    readonly change: LicenseChange,
  ) {
    super();
  }
}

function commandOf(licenseId: string, change: LicenseChange): LicenseCommand {
  switch (change.kind) {
    case 'terms': {
      const { expiresAt, ...terms } = change.terms;
      return { type: 'change-license', licenseId, changes: { ...terms, expiresAt: utcOrNull(expiresAt) } };
    }
    case 'assign':
      return { type: 'assign-computer', licenseId, computerId: change.computerId };
    case 'unassign':
      return { type: 'unassign-computer', licenseId, computerId: change.computerId };
    case 'delete':
      return { type: 'delete-license', licenseId };
  }
}

/**
 * Every change of an existing licence, on a licence of the caller's scope. A seat goes to a
 * computer of the caller's scope, out of the trash, in an entity the licence serves; the decider
 * refuses a seat past the quota unless over-quota is allowed.
 */
@CommandHandler(ChangeLicenseCommand)
export class ChangeLicenseHandler implements ICommandHandler<ChangeLicenseCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly licenses: LicenseQueries,
    private readonly computers: AssetLookup,
    private readonly visibility: HeldVisibility,
    private readonly software: SoftwareQueries,
  ) {}

  async execute({ caller, licenseId, change }: ChangeLicenseCommand) {
    const license = await this.licenses.changeable(caller, licenseId);
    if (change.kind === 'assign') await this.assertMayHoldSeat(caller, license, change.computerId);
    if (change.kind === 'terms' && change.terms.versionId)
      await this.assertVersionOf(caller, license, change.terms.versionId);
    await this.commands.execute(
      licenseDecider,
      licenseStreamId(licenseId),
      commandOf(licenseId, change),
      commandMetadata(caller, license.entityId),
    );
  }

  /** Another version, of the licence's own software (GLPI's licence form offers its versions only). */
  private async assertVersionOf(caller: Caller, license: LicenseListDoc, versionId: string): Promise<void> {
    const software = await this.software.visible(caller, license.softwareId);
    if (software.versions.some((version) => version.versionId === versionId)) return;
    throw fieldsRefusal([{ field: 'versionId', message: `software ${software.name} has no version ${versionId}` }])!;
  }

  private async assertMayHoldSeat(caller: Caller, license: LicenseListDoc, computerId: string): Promise<void> {
    const computer = await this.computers.changeable(caller, computerId);
    if (await this.visibility.serves(license, computer.entityId)) return;
    throw fieldsRefusal([
      { field: 'computerId', message: `licence ${license.name} is ${notVisibleIn(computer.entityId)}` },
    ])!;
  }
}
