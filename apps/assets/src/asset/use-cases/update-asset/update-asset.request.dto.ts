import { AssetFieldsDto } from '../asset-fields.dto';

/** The fields to change; the others stay. The entity is fixed at creation. */
export class UpdateAssetRequestDto extends AssetFieldsDto {}
