import { Inject, Injectable } from '@nestjs/common';
import { systemCaller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { ASSETS_SETTINGS } from '../../assets.tokens';
import type { AssetsSettings } from '../../assets.env';
import { AssetWorkflow } from '../access/asset-workflow';
import { assetDecider, assetStreamId } from '../asset.decider';
import type { AssetState } from '../asset.state';
import { warrantyExpiresOn, warrantyNoticeDay } from '../domain/warranty';
import { warrantyJobId, WARRANTY_TIMERS, type WarrantyTimer, type WarrantyTimers } from './warranty-timers';

const WARRANTY = systemCaller('assets.warranty');

/** The timer of an asset's warranty notice, when one is still to come. */
export function warrantyTimerOf(
  asset: Pick<AssetState, 'assetId' | 'fields' | 'trashed' | 'purged' | 'warrantyNoticeFor'>,
  daysBefore: number,
  today: string,
): WarrantyTimer | null {
  const expiresOn = warrantyExpiresOn(asset.fields);
  if (!asset.assetId || !expiresOn || asset.trashed || asset.purged) return null;
  if (asset.warrantyNoticeFor === expiresOn || expiresOn < today) return null;
  const dueAt = `${warrantyNoticeDay(expiresOn, daysBefore)}T00:00:00.000Z`;
  return {
    jobId: warrantyJobId(asset.assetId, expiresOn),
    assetId: asset.assetId,
    warrantyExpiresOn: expiresOn,
    dueAt,
  };
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * `asset.warranty-expiring`, ASSETS_WARRANTY_NOTICE_DAYS before a warranty ends: the timer is set
 * whenever an asset's warranty may have changed, and fires a command the asset decides on.
 */
@Injectable()
export class WarrantyNotices {
  constructor(
    @Inject(WARRANTY_TIMERS) private readonly timers: WarrantyTimers,
    @Inject(ASSETS_SETTINGS) private readonly settings: AssetsSettings,
    private readonly commands: EventSourcedCommands,
    private readonly workflow: AssetWorkflow,
  ) {}

  /** Sets the asset's timer from its state, when a notice is still to come. */
  async sync(asset: Pick<AssetState, 'assetId' | 'fields' | 'trashed' | 'purged' | 'warrantyNoticeFor'>) {
    const timer = warrantyTimerOf(asset, this.settings.warrantyNoticeDays, todayUtc());
    if (timer) await this.timers.schedule([timer]);
  }

  /** From the asset's state after its event at `version` or a later one (a later event syncs again). */
  async syncStream(assetId: string, version: number): Promise<void> {
    const { state } = await this.commands.loadAtLeast(assetDecider, assetStreamId(assetId), version);
    await this.sync(state);
  }

  /** The timer fired: the asset announces its warranty's end if that is still due (once). */
  async fire(timer: WarrantyTimer): Promise<void> {
    await this.workflow.run(WARRANTY, { assetType: null, assetId: timer.assetId, right: 'asset.write' }, () => ({
      type: 'announce-warranty-expiry',
      today: todayUtc(),
      daysBefore: this.settings.warrantyNoticeDays,
    }));
  }
}
