import { RIGHTS } from '@itsm/domain';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn } from 'class-validator';

export const RightsField = () =>
  applyDecorators(
    ApiProperty({ type: [String], enum: RIGHTS, example: ['ticket.create', 'ticket.read-own'] }),
    IsArray(),
    ArrayMaxSize(RIGHTS.length),
    IsIn(RIGHTS, { each: true, message: 'each right must be one of the catalogue (see GET /api/profiles/rights)' }),
  );
