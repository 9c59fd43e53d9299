import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DROPDOWN_KINDS, type DropdownKind } from '@itsm/contracts';
import { IdField } from '@itsm/runtime';
import { FindOrCreateValueCommand } from './find-or-create-value.handler';

export class FindOrCreateValueCommandDto {
  @IsIn(DROPDOWN_KINDS)
  kind!: DropdownKind;

  @IdField('entityId')
  entityId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(255)
  name!: string;

  /** version 2: a location's parent, usable in the entity */
  @IsOptional()
  @IdField('parentId')
  parentId?: string | null;

  /** version 2: the comment of a value created */
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(65_535)
  comment?: string | null;
}

/**
 * `dropdown.find-or-create` on itsm.assets.commands: imports create the catalogue values their
 * lines name (version 1), and the locations of a locations import, with parent and comment (version 2).
 */
@Controller()
export class FindOrCreateValueKafkaController {
  constructor(private readonly commandBus: CommandBus) {}

  @EventPattern<string>('dropdown.find-or-create')
  @RequireRights('asset.write')
  findOrCreate(@CurrentCaller() caller: Caller, @Payload() body: FindOrCreateValueCommandDto) {
    return this.commandBus.execute(new FindOrCreateValueCommand(caller, body));
  }
}
