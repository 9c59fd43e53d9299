import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, Min } from 'class-validator';

/** The rules' current positions in their new order (GLPI's "Monter"/"Descendre"), per list. */
export class ReorderInventoryRulesRequestDto {
  @ApiProperty({ description: 'the rules’ version as read (GET answers it); another is a 409' })
  @IsInt()
  @Min(0)
  version!: number;

  @ApiPropertyOptional({ type: [Number], description: 'each current position once, in the new order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsInt({ each: true })
  importRules?: number[];

  @ApiPropertyOptional({ type: [Number], description: 'each current position once, in the new order' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsInt({ each: true })
  entityRules?: number[];
}
