import { Injectable, Logger } from '@nestjs/common';
import { ProjectionRegistry } from '@itsm/runtime';
import { assetListProjection, type AssetListDoc } from '../read-models/asset-list.projection';
import { WarrantyNotices } from './warranty-notices';

/**
 * Redis may have lost the timers (flushed, replaced without its data): at start every warranty
 * still to be announced gets its timer back from the read model; the job ids are deterministic,
 * so replicas reconciling together set each timer once.
 */
@Injectable()
export class WarrantyReconciliation {
  private readonly logger = new Logger(WarrantyReconciliation.name);

  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly notices: WarrantyNotices,
  ) {}

  async run(): Promise<number> {
    const collection = await this.projections.collection<AssetListDoc>(assetListProjection.name);
    const today = new Date().toISOString().slice(0, 10);
    let count = 0;
    for await (const doc of collection.find({ warrantyExpiresOn: { $gte: today }, trashed: false })) {
      await this.notices.sync({
        assetId: doc.assetId,
        fields: { warrantyStartDate: doc.warrantyStartDate, warrantyMonths: doc.warrantyMonths },
        trashed: doc.trashed,
        purged: false,
        warrantyNoticeFor: doc.warrantyAnnouncedFor,
      });
      count += 1;
    }
    this.logger.log(`warranty timers of ${count} assets reconciled`);
    return count;
  }
}
