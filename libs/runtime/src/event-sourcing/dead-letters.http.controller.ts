import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { RequireRights } from '../http/required-rights';
import { DeadLetters } from './dead-letters';

export class ReplayStreamRequestDto {
  @ApiProperty({ description: 'the consumer group that parked the stream', example: 'sla.ticket-deadlines' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  group!: string;

  @ApiProperty({ description: 'the stream (the message key)', example: 'ticket-0190a1b2-…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  key!: string;

  @ApiPropertyOptional({ description: 'drop the dead letter and deliver only what waited behind it', default: false })
  @IsOptional()
  @IsBoolean()
  skipDeadLetter?: boolean;
}

/** The service's dead letters for operators: counted per consumer group, their streams parked until replayed. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('api/dead-letters')
@RequireRights('platform.operate')
export class DeadLettersHttpController {
  constructor(private readonly deadLetters: DeadLetters) {}

  @Get()
  report() {
    return this.deadLetters.report();
  }

  /** Redelivers the dead letter, then the messages that waited behind it, in order, and unparks the stream. */
  @Post('replay')
  @HttpCode(200)
  async replay(@Body() { group, key, skipDeadLetter }: ReplayStreamRequestDto) {
    const { delivered } = await this.deadLetters.replay(group, key, skipDeadLetter ?? false);
    return { group, key, delivered };
  }
}
