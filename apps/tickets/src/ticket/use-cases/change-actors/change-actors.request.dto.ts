import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ActorRefDto } from '../ticket-fields.dto';

export const ROLES = ['requester', 'observer', 'assignee'] as const;

export class AddActorRequestDto extends ActorRefDto {
  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: (typeof ROLES)[number];
}
