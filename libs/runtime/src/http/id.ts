import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** An id field: UUIDs or well-known slugs; anything else is a 400, never a query. */
export const IdField = (description: string) =>
  applyDecorators(
    ApiProperty({ description }),
    IsString(),
    Matches(ID_PATTERN, { message: `${description} must be 1 to 64 letters, digits, _ or -` }),
  );

export class IdParam {
  @IdField('id')
  id!: string;
}
