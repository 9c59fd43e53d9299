import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActorRefDto } from '../ticket-fields.dto';

export class RequestValidationRequestDto {
  @ApiProperty({ type: ActorRefDto, description: 'the user or group asked to approve' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ActorRefDto)
  approver!: ActorRefDto;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(65_535) comment?: string;
}
