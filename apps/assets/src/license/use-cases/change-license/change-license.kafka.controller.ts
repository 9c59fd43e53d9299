import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { OmitType } from '@nestjs/swagger';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { IdField } from '@itsm/runtime';
import { ChangeLicenseCommand } from './change-license.handler';
import { ChangeLicenseRequestDto } from './change-license.request.dto';

/** PATCH /api/licenses/:id's terms (version 1 takes no versionId) with the licence they change. */
export class ChangeLicenseCommandDto extends OmitType(ChangeLicenseRequestDto, ['versionId'] as const) {
  @IdField('licenseId')
  licenseId!: string;
}

/** `license.update` on itsm.assets.commands: a licenses import changes the terms of the licences it finds. */
@Controller()
export class ChangeLicenseKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('license.update')
  @RequireRights('license.write')
  async change(@CurrentCaller() caller: Caller, @Payload() body: ChangeLicenseCommandDto) {
    const { licenseId, ...terms } = body;
    await this.commandBus.execute(new ChangeLicenseCommand(caller, licenseId, { kind: 'terms', terms }));
    return { licenseId };
  }
}
