import type { SoftwareEntry } from '@itsm/contracts';
import { entryVersion } from '../installation/read-models/installation-plan';
import type { SoftwareSpec, VersionSpec } from './software.decider';

/** A software an inventory found, with the versions of it found: what the catalogue must hold. */
export interface FoundSoftware {
  software: SoftwareSpec;
  versions: VersionSpec[];
}

/**
 * The software an inventory's entries name, each once with its versions, in the computer's entity
 * (GLPI's default: software is created where the computer is).
 */
export function foundSoftware(entityId: string, entries: readonly SoftwareEntry[]): FoundSoftware[] {
  const bySoftware = new Map<string, FoundSoftware>();
  for (const entry of entries) {
    const { softwareId, versionId, softwareName, publisher, versionName, arch } = entryVersion(entityId, entry);
    const found = bySoftware.get(softwareId) ?? {
      software: { softwareId, entityId, recursive: false, name: softwareName, publisher, comment: null },
      versions: [],
    };
    if (!found.versions.some((version) => version.versionId === versionId)) {
      found.versions.push({ versionId, name: versionName, arch });
    }
    bySoftware.set(softwareId, found);
  }
  return [...bySoftware.values()];
}
