import type { AssetListDoc } from '../read-models/asset-list.projection';
import { netValue } from '../domain/depreciation';

/** The read model's bookkeeping, never shown. */
const HIDDEN = new Set(['_id', '_sequence', '_streamId', '_version', 'nameKey']);

/** The net book value today, when the asset has a value and a depreciation. */
function netValueToday(doc: AssetListDoc, today: string): number | null {
  const startDate = doc.inServiceDate ?? doc.purchaseDate;
  if (doc.value === null || !doc.depreciationType || !doc.depreciationYears || !startDate) return null;
  return netValue(
    {
      value: doc.value,
      method: doc.depreciationType,
      years: doc.depreciationYears,
      coefficient: doc.depreciationCoefficient,
      startDate,
    },
    today,
  );
}

/** An asset as the API shows it: its fields, state and the net value of the day. */
export function assetView(doc: AssetListDoc, today = new Date().toISOString().slice(0, 10)) {
  const shown = Object.fromEntries(Object.entries(doc).filter(([key]) => !HIDDEN.has(key) && !key.startsWith('_')));
  return { ...(shown as Omit<AssetListDoc, 'nameKey'>), netValue: netValueToday(doc, today) };
}

export type AssetView = ReturnType<typeof assetView>;
