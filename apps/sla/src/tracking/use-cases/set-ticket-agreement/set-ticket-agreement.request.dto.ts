import { IdField } from '@itsm/runtime';

/** GLPI lets a technician pick the SLA of a ticket by hand; rules then leave that slot alone. */
export class SetTicketAgreementRequestDto {
  @IdField('slaId')
  slaId!: string;
}
