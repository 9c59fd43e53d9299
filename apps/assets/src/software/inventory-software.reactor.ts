import { Injectable } from '@nestjs/common';
import { commandMetadata, systemCaller } from '@itsm/auth';
import type { EventEnvelope } from '@itsm/contracts';
import { asContractEnvelope } from '@itsm/eventsourcing';
import { EventSourcedCommands, type EventReactor } from '@itsm/runtime';
import { LRUCache } from 'lru-cache';
import { foundSoftware } from './found-software';
import { softwareDecider, softwareStreamId } from './software.decider';

const INVENTORY = systemCaller('assets.inventory-software');

/**
 * The catalogue learns the software inventories find: each software and version, once, through
 * the software's decider (so a technician's and an inventory's meet on one id). Versions known
 * to be in the catalogue are remembered here: a fleet re-inventoried daily reads no stream for them.
 */
@Injectable()
export class InventorySoftwareReactor implements EventReactor {
  private readonly known = new LRUCache<string, true>({ max: 200_000 });
  readonly handles: ReadonlySet<string> = new Set(['asset.inventory-applied']);

  constructor(private readonly commands: EventSourcedCommands) {}

  async handle(envelope: EventEnvelope): Promise<void> {
    const event = asContractEnvelope(envelope);
    if (event.type !== 'asset.inventory-applied') return;
    const { installed, upgraded } = event.data.software;
    const entries = [...installed, ...upgraded.map((upgrade) => upgrade.to)];
    for (const found of foundSoftware(event.entityId, entries)) {
      const missing = found.versions.filter((version) => !this.known.has(version.versionId));
      if (missing.length === 0) continue;
      await this.commands.execute(
        softwareDecider,
        softwareStreamId(found.software.softwareId),
        { type: 'register-found', software: found.software, versions: missing },
        commandMetadata(INVENTORY, found.software.entityId, {
          causationId: event.id,
          correlationId: event.correlationId,
        }),
      );
      for (const version of missing) this.known.set(version.versionId, true);
    }
  }
}
