import { Injectable } from '@nestjs/common';
import { ProjectionRegistry, ReadModelRows, type RowSource } from '@itsm/runtime';
import { ticketViewProjection } from '../../read-models/ticket-view.projection';
import { ticketStreamId } from '../../ticket.decider';
import { TicketListIndex } from './ticket-list-index';
import { ROW_PROJECTION, rowOf, ticketIdOfStream, type TicketListRow } from './ticket-list-row';

/** The ticket_view documents as the list index's rows. */
export const TICKET_ROWS: RowSource<TicketListRow> = {
  projection: ticketViewProjection,
  fields: ROW_PROJECTION,
  rowOf,
  keyOfStream: ticketIdOfStream,
  streamOf: ticketStreamId,
};

/** Fills the list index from the ticket_view read model: all at start, then ticket by ticket. */
@Injectable()
export class TicketListRows extends ReadModelRows<TicketListRow> {
  constructor(projections: ProjectionRegistry, index: TicketListIndex) {
    super(projections, index, TICKET_ROWS);
  }
}
