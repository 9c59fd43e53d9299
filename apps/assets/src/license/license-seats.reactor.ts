import { Injectable } from '@nestjs/common';
import { commandMetadata, systemCaller } from '@itsm/auth';
import type { EventEnvelope } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands, ProjectionRegistry, type EventReactor } from '@itsm/runtime';
import { licenseDecider, licenseStreamId } from './license.decider';
import { licenseListProjection, type LicenseListDoc } from './read-models/license-list.projection';

const SEATS = systemCaller('assets.license-seats');

/**
 * A purged computer gives its licence seats back (GLPI releases them when the item is purged;
 * the trash keeps them). Each seat is taken back through the licence's decider: a seat already
 * freed, or a licence deleted meanwhile, is nothing to do, so a redelivered purge is harmless.
 */
@Injectable()
export class LicenseSeatsReactor implements EventReactor {
  readonly handles: ReadonlySet<string> = new Set(['asset.purged']);

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly projections: ProjectionRegistry,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!this.handles.has(event.type)) return;
    const computerId = event.streamId.slice('asset-'.length);
    const licenses = await this.projections.collection<LicenseListDoc>(licenseListProjection.name);
    const holding = await licenses
      .find({ computerIds: computerId }, { projection: { licenseId: 1, entityId: 1 } })
      .toArray();
    for (const { licenseId, entityId } of holding) {
      try {
        await this.commands.execute(
          licenseDecider,
          licenseStreamId(licenseId),
          { type: 'unassign-computer', licenseId, computerId },
          commandMetadata(SEATS, entityId, { causationId: event.id, correlationId: event.correlationId }),
        );
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
      }
    }
  }
}
