import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import type { DomainError, DomainErrorCode } from '@itsm/eventsourcing';

const statusOf: Record<DomainErrorCode, new (message: string) => HttpException> = {
  invalid: BadRequestException,
  forbidden: ForbiddenException,
  not_found: NotFoundException,
  conflict: ConflictException,
  illegal_transition: ConflictException,
  rule: UnprocessableEntityException,
};

/** The edge where domain errors (values) become HTTP answers: 400, 403, 404, 409 or 422. */
export function httpExceptionFor(error: DomainError): HttpException {
  return new statusOf[error.code](error.message);
}
