import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@itsm/contracts';
import type { EventReactor } from '@itsm/runtime';
import { WarrantyNotices } from './warranty-notices';

/** The events after which an asset's warranty notice may be due at another time, or again. */
const MAY_MOVE_THE_WARRANTY = new Set(['asset.created', 'asset.updated', 'asset.restored']);
const WARRANTY_FIELDS = ['warrantyStartDate', 'warrantyMonths'];

/** itsm.assets.events -> the warranty timers (the seed's and the inventory's assets included). */
@Injectable()
export class WarrantyTimersReactor implements EventReactor {
  readonly handles: ReadonlySet<string> = MAY_MOVE_THE_WARRANTY;

  constructor(private readonly notices: WarrantyNotices) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!MAY_MOVE_THE_WARRANTY.has(event.type)) return;
    const data = event.data as { assetId: string; fields?: object; changes?: object };
    const fields = data.fields ?? data.changes;
    if (fields && !WARRANTY_FIELDS.some((field) => field in fields)) return;
    await this.notices.syncStream(data.assetId, event.sequence);
  }
}
