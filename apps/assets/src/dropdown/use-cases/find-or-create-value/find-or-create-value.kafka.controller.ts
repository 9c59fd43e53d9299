import { Controller } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { DROPDOWN_KINDS, type DropdownKind } from '@itsm/contracts';
import { ID_PATTERN, IdField } from '@itsm/runtime';
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
  @ApiPropertyOptional({ type: String, nullable: true, description: 'locations only: the parent location' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'parentId must be 1 to 64 letters, digits, _ or -' })
  parentId?: string | null;

  /** version 2: the comment of a value created */
  @ApiPropertyOptional({ type: String, nullable: true })
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
