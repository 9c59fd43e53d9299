import { deciderFromParts } from '../shared/decider-parts';
import { assetLifecyclePart } from './asset-lifecycle.part';
import { initialAssetState } from './asset.state';

/**
 * An asset, one stream each (`asset-<assetId>`), whatever its type. Its behaviour is the sum of
 * its parts: each concern (people's edits, inventories…) adds its part here, in its own file.
 */
export const assetDecider = deciderFromParts({
  initialState: initialAssetState,
  stateVersion: 1,
  parts: [assetLifecyclePart],
});

export type AssetCommand = Parameters<typeof assetDecider.decide>[0];

export const assetStreamId = (assetId: string): string => `asset-${assetId}`;
