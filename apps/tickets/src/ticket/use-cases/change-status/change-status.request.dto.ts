import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class ChangeStatusRequestDto {
  @ApiProperty({
    enum: ['pending', 'processing'],
    description: 'pending (waiting for information) or back to processing',
  })
  @IsIn(['pending', 'processing'])
  status!: 'pending' | 'processing';
}
