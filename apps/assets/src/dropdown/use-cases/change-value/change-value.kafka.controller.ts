import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IsIn } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DROPDOWN_KINDS, type DropdownKind } from '@itsm/contracts';
import { IdField } from '@itsm/runtime';
import { ChangeValueCommand } from './change-value.handler';
import { ChangeValueRequestDto } from './change-value.request.dto';

/** PATCH /api/asset-dropdowns/:kind/:id's body with the value it names. */
export class ChangeValueCommandDto extends ChangeValueRequestDto {
  @IsIn(DROPDOWN_KINDS)
  kind!: DropdownKind;

  @IdField('valueId')
  valueId!: string;
}

/** `dropdown.update` on itsm.assets.commands: a locations import changes the comment of the ones it finds. */
@Controller()
export class ChangeValueKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('dropdown.update')
  @RequireRights('asset.write')
  change(@CurrentCaller() caller: Caller, @Payload() body: ChangeValueCommandDto) {
    const { kind, valueId, ...changes } = body;
    return this.commandBus.execute(new ChangeValueCommand(caller, kind, valueId, changes));
  }
}
