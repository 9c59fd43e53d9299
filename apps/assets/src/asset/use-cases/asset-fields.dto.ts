import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDay, ID_PATTERN } from '@itsm/runtime';

const idMessage = { message: '$property must be 1 to 64 letters, digits, _ or -' };

/** GLPI's fields of an asset, each optional; null clears it. A field its type lacks is a 422 naming it. */
export class AssetFieldsDto {
  @ApiPropertyOptional({ example: 'PC-BLIER', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  name?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) serial?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'inventory number (GLPI otherserial)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  inventoryNumber?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) uuid?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(65_535) comment?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'dropdown of the asset kind’s types' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  typeId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'dropdown of the asset kind’s models' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  modelId?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) manufacturerId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) statusId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) locationId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) userId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) groupId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'technician in charge' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  technicianId?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'group in charge' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  technicianGroupId?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) contact?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) contactNumber?: string | null;

  @ApiPropertyOptional({ description: 'shared with the sub-entities' })
  @IsOptional()
  @IsBoolean()
  recursive?: boolean;

  @ApiPropertyOptional({ nullable: true, description: 'monitors only' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1000)
  sizeInches?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'printers only' })
  @IsOptional()
  @IsInt()
  @Min(0)
  initialPageCounter?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'printers only' })
  @IsOptional()
  @IsInt()
  @Min(0)
  lastPageCounter?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'network equipment only' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  firmware?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'network equipment only' })
  @IsOptional()
  @IsInt()
  @Min(0)
  ramMb?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'network equipment only' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  cpu?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'phones only' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  phoneNumber?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDay() orderDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDay() purchaseDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDay() deliveryDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDay() inServiceDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsCalendarDay() warrantyStartDate?: string | null;

  @ApiPropertyOptional({ nullable: true, minimum: -1, maximum: 1200, description: 'months; -1 lifelong' })
  @IsOptional()
  @IsInt()
  @Min(-1)
  @Max(1200)
  warrantyMonths?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'purchase value' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(1e12)
  value?: number | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) supplier?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) orderNumber?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(255) invoiceNumber?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  immobilisationNumber?: string | null;

  @ApiPropertyOptional({ nullable: true, enum: ['linear', 'decreasing'] })
  @IsOptional()
  @IsIn(['linear', 'decreasing'])
  depreciationType?: 'linear' | 'decreasing' | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  depreciationYears?: number | null;

  @ApiPropertyOptional({ nullable: true, minimum: 1, maximum: 10, description: 'decreasing depreciation only' })
  @IsOptional()
  @IsNumber()
  @Min(1)
  @Max(10)
  depreciationCoefficient?: number | null;
}
