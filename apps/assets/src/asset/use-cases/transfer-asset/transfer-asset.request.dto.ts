import { ApiProperty } from '@nestjs/swagger';
import { IdField } from '@itsm/runtime';

export class TransferAssetRequestDto {
  @ApiProperty({ description: 'the entity the asset moves to, in the caller’s scope' })
  @IdField('entityId')
  entityId!: string;
}
