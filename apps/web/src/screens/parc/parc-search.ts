/** The Parc screens' addresses: an asset list's criteria as the page address keeps them (bookmarkable, back-button friendly). */
export interface AssetListSearch {
  name?: string;
  serial?: string;
  inventoryNumber?: string;
  statusId?: string;
  manufacturerId?: string;
  trashed?: boolean;
  sort?: AssetSort;
  order?: 'asc' | 'desc';
  page?: number;
}

export const ASSET_SORTS = ['name', 'serial', 'inventoryNumber', 'updatedAt', 'lastInventoryAt'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined);
const positive = (value: unknown) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
const pick = <T extends string>(value: unknown, allowed: readonly T[]) =>
  allowed.includes(value as T) ? (value as T) : undefined;

/** Only the criteria the list knows, of the right types: anything else in the address is dropped. */
export function assetListSearch(raw: Record<string, unknown>): AssetListSearch {
  return {
    name: text(raw.name),
    serial: text(raw.serial),
    inventoryNumber: text(raw.inventoryNumber),
    statusId: text(raw.statusId),
    manufacturerId: text(raw.manufacturerId),
    trashed: raw.trashed === true || raw.trashed === 'true' ? true : undefined,
    sort: pick(raw.sort, ASSET_SORTS),
    order: pick(raw.order, ['asc', 'desc'] as const),
    page: positive(raw.page),
  };
}

/** The computer page's tabs (GLPI's, in its order); the other types have the general, financial, tickets and history ones. */
export const COMPUTER_TABS = [
  'general',
  'os',
  'components',
  'volumes',
  'ports',
  'software',
  'financial',
  'tickets',
  'history',
] as const;
export type AssetTab = (typeof COMPUTER_TABS)[number];
export const OTHER_TABS: readonly AssetTab[] = ['general', 'financial', 'tickets', 'history'];

export const tabsOf = (assetType: string): readonly AssetTab[] =>
  assetType === 'computers' ? COMPUTER_TABS : OTHER_TABS;

/** The tab in the address, when the asset's type has it; else the general one. */
export function assetTab(assetType: string, raw: unknown): AssetTab {
  return tabsOf(assetType).find((tab) => tab === raw) ?? 'general';
}

/** An asset page's address: its tab (the general one when absent). */
export const assetPageSearch = (raw: Record<string, unknown>): { tab?: string } => ({ tab: text(raw.tab) });

/** The software catalogue's criteria. */
export const softwareListSearch = (raw: Record<string, unknown>): { name?: string; page?: number } => ({
  name: text(raw.name),
  page: positive(raw.page),
});
