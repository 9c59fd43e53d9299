import { wholeNumberSetting } from '@itsm/runtime';

export interface AssetsSettings {
  /** how many days before a warranty ends asset.warranty-expiring is emitted */
  warrantyNoticeDays: number;
}

/** ASSETS_WARRANTY_NOTICE_DAYS (default 30, 0 to 365); fails at start when wrong. */
export function loadAssetsSettings(raw: Record<string, string | undefined>): AssetsSettings {
  return {
    warrantyNoticeDays: wholeNumberSetting(raw, 'assets', 'ASSETS_WARRANTY_NOTICE_DAYS', {
      fallback: 30,
      min: 0,
      max: 365,
    }),
  };
}
