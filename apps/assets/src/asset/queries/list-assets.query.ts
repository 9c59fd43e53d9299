import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { ID_PATTERN, IsInstantOrDay, PageQuery } from '@itsm/runtime';

export const ASSET_SORTS = ['name', 'serial', 'inventoryNumber', 'updatedAt', 'createdAt', 'lastInventoryAt'] as const;
export type AssetSort = (typeof ASSET_SORTS)[number];

const idMessage = { message: '$property must be 1 to 64 letters, digits, _ or -' };
const MAC_PATTERN = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(\1[0-9a-f]{2}){4}$/i;
/** GLPI's list criteria of an asset type: text fields contain the words, ids are equalities. */
export class ListAssetsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'name contains' }) @IsOptional() @IsString() @MaxLength(255) name?: string;
  @ApiPropertyOptional({ description: 'serial contains' }) @IsOptional() @IsString() @MaxLength(255) serial?: string;

  @ApiPropertyOptional({ description: 'inventory number contains' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  inventoryNumber?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) typeId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) modelId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) manufacturerId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) statusId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) locationId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) userId?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(ID_PATTERN, idMessage) groupId?: string;

  @ApiPropertyOptional({ description: 'one entity of the caller’s scope (default: all of it)' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  entityId?: string;

  @ApiPropertyOptional({ description: 'computers having this software installed (any version)' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  softwareId?: string;

  @ApiPropertyOptional({ description: 'with softwareId: computers having this version of it' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  softwareVersionId?: string;

  @ApiPropertyOptional({
    description: 'computers one of whose network ports has this MAC address (any case, `:` or `-`)',
    example: '02:fc:00:00:00:01',
  })
  @IsOptional()
  @Matches(MAC_PATTERN, { message: '$property must be a MAC address: six pairs of hex digits joined by : or -' })
  mac?: string;

  @ApiPropertyOptional({ description: 'last inventory before (instant or day)' })
  @IsOptional()
  @IsInstantOrDay()
  inventoriedBefore?: string;

  @ApiPropertyOptional({ description: 'last inventory at or after (instant or day)' })
  @IsOptional()
  @IsInstantOrDay()
  inventoriedAfter?: string;

  @ApiPropertyOptional({ description: 'the trash instead of the assets in use', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  trashed?: boolean;

  @ApiPropertyOptional({ enum: ASSET_SORTS, default: 'name' })
  @IsOptional()
  @IsIn(ASSET_SORTS)
  sort?: AssetSort;
}
