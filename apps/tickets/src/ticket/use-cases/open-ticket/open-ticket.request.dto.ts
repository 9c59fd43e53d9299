import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdField, IsInstant } from '@itsm/runtime';
import { ActorRefDto, TicketDetailsDto } from '../ticket-fields.dto';

export class OpenTicketRequestDto extends TicketDetailsDto {
  @ApiProperty({ example: "Problème d'impression" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  title!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(65_535)
  description!: string;

  @ApiPropertyOptional({ enum: ['incident', 'request'], default: 'incident' })
  @IsOptional()
  @IsIn(['incident', 'request'])
  type?: 'incident' | 'request';

  @ApiPropertyOptional({ description: 'default: the caller’s active entity' })
  @IsOptional()
  @IdField('entityId')
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IdField('categoryId')
  categoryId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 3 }) @IsOptional() @IsInt() @Min(1) @Max(5) urgency?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 5, default: 3 }) @IsOptional() @IsInt() @Min(1) @Max(5) impact?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 6, description: 'by hand instead of the matrix (6 = major)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  priority?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'the opening date, when earlier than now (a call recorded afterwards); needs ticket.update; an RFC 3339 date-time with its offset, not in the future, not before the entity was created. SLA clocks start there',
  })
  @IsOptional()
  @IsInstant()
  openedAt?: string;

  @ApiPropertyOptional({ type: [ActorRefDto], description: 'default: the caller' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActorRefDto)
  requesters?: ActorRefDto[];

  @ApiPropertyOptional({ type: [ActorRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActorRefDto)
  observers?: ActorRefDto[];

  @ApiPropertyOptional({ type: [ActorRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ActorRefDto)
  assignees?: ActorRefDto[];
}
