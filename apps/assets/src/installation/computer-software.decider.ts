import { DomainError, type Decider } from '@itsm/domain';
import type { ManualInstallationEvent } from '@itsm/contracts';

/**
 * What a technician installs or uninstalls by hand on a computer (GLPI lets one add a version to a
 * computer), on the computer's `computer-software-<id>` stream: the computer's own stream is the
 * inventory's and the asset's, this one only the technician's. `present` is what the
 * installations read model says now (installed by an inventory or by a person): an inventory may
 * remove what a person installed and the reverse, so the read model, not this stream, knows what
 * is there. Two clicks within its lag write the same fact twice, which it applies once.
 */
export type ComputerSoftwareCommand =
  | {
      type: 'install-software';
      computerId: string;
      softwareId: string;
      versionId: string;
      installedAt: string | null;
      present: boolean;
    }
  | { type: 'uninstall-software'; computerId: string; softwareId: string; versionId: string; present: boolean };

/** Nothing to keep: what is installed is the read model's, given in the command. */
export type ComputerSoftwareState = Record<string, never>;

function decide(command: ComputerSoftwareCommand): ManualInstallationEvent[] | DomainError {
  const { computerId, softwareId, versionId, present } = command;
  if (command.type === 'install-software') {
    if (present)
      return new DomainError('conflict', `version ${versionId} is already installed on computer ${computerId}`);
    return [
      { type: 'software.installed', data: { computerId, softwareId, versionId, installedAt: command.installedAt } },
    ];
  }
  if (!present) return new DomainError('not_found', `version ${versionId} is not installed on computer ${computerId}`);
  return [{ type: 'software.uninstalled', data: { computerId, softwareId, versionId } }];
}

export const computerSoftwareDecider: Decider<ComputerSoftwareCommand, ManualInstallationEvent, ComputerSoftwareState> =
  { initialState: () => ({}), decide, evolve: (state) => state, stateVersion: 1 };

export const computerSoftwareStreamId = (computerId: string): string => `computer-software-${computerId}`;
