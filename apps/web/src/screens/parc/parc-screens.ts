// The Parc's screens, one lazily loaded chunk (router.tsx).
export { AssetListScreen } from './asset-list';
export { AssetPageScreen } from './asset-page';
export { SoftwareListScreen, SoftwarePageScreen } from './software-screens';
export { AssetCreateScreen, AssetEditScreen } from './asset-edit-screens';
export { LicenseListScreen, LicensePageScreen, LicenseCreateScreen } from './license-screens';
