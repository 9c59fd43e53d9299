import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IdField } from '@itsm/runtime';
import { TicketDetailsDto } from '../ticket-fields.dto';

/** PATCH /api/tickets/:id: details and classification ("Classification"); status has its own routes. */
export class UpdateTicketRequestDto extends TicketDetailsDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(255) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(65_535) description?: string;

  @ApiPropertyOptional({ enum: ['incident', 'request'] })
  @IsOptional()
  @IsIn(['incident', 'request'])
  type?: 'incident' | 'request';

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IdField('categoryId')
  categoryId?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) urgency?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOptional() @IsInt() @Min(1) @Max(5) impact?: number;

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 6,
    nullable: true,
    description: 'by hand; null returns to the matrix',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(6)
  priority?: number | null;
}
