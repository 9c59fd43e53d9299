import { Injectable } from '@nestjs/common';
import { ProjectionRegistry, ReadModelRows } from '@itsm/runtime';
import { AssetListIndex } from './asset-list-index';
import { ASSET_ROWS, type AssetListRow } from './asset-list-row';

/** Fills the list index from the `assets` read model: all at start, then asset by asset. */
@Injectable()
export class AssetListRows extends ReadModelRows<AssetListRow> {
  constructor(projections: ProjectionRegistry, index: AssetListIndex) {
    super(projections, index, ASSET_ROWS);
  }
}
