import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { CreateSoftwareRequestDto } from '../create-software/create-software.request.dto';
import { RegisterSoftwareCommand } from './register-software.handler';

/** POST /api/software's body with the name of a version to record too. */
export class RegisterSoftwareCommandDto extends CreateSoftwareRequestDto {
  @ApiPropertyOptional({ type: String, nullable: true, example: '115.0.2', description: 'a version to record too' })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotEmpty()
  @MaxLength(128)
  version?: string | null;
}

/** `software.register` on itsm.assets.commands: a software import records its lines' software and versions. */
@Controller()
export class RegisterSoftwareKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('software.register')
  @RequireRights('software.write')
  register(@CurrentCaller() caller: Caller, @Payload() body: RegisterSoftwareCommandDto) {
    return this.commandBus.execute(new RegisterSoftwareCommand(caller, body));
  }
}
