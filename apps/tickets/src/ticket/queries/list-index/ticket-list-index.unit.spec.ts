import type { TicketStatus } from '@itsm/contracts';
import { latestSequences, type FanOut } from '@itsm/runtime';
import type { TicketView } from '../../read-models/ticket-view.projection';
import { listedOf } from '../listed-ticket';
import { listPage, rowsCanAnswer } from './list-page';
import { TicketListIndex } from './ticket-list-index';
import { TICKET_ROWS } from './ticket-list-rows';
import type { TicketListRow } from './ticket-list-row';

const STATUSES: TicketStatus[] = ['new', 'assigned', 'planned', 'pending', 'solved', 'closed'];
const ENTITIES = ['root', 'E1', 'E2', 'E3'];

/** A small deterministic generator: the same rows at every run. */
function random(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

function rowsOf(count: number, pick: (below: number) => number): TicketListRow[] {
  return Array.from({ length: count }, (_, i) => {
    // few distinct instants: many ties, which the ticket id must break
    const openedAt = new Date(Date.UTC(2026, 0, 1 + pick(20), pick(3))).toISOString();
    return {
      ticketId: `t-${String(pick(1_000_000)).padStart(7, '0')}-${i}`,
      entityId: ENTITIES[pick(ENTITIES.length)],
      status: STATUSES[pick(STATUSES.length)],
      type: pick(2) ? 'incident' : 'request',
      priority: 1 + pick(6),
      categoryId: pick(3) ? `c${pick(3)}` : null,
      openedAt,
      updatedAt: pick(2) ? openedAt : new Date(Date.UTC(2026, 1, 1 + pick(20))).toISOString(),
      title: `Ticket ${i}`,
      urgency: 1 + pick(5),
      impact: 1 + pick(5),
      solvedAt: null,
      closedAt: null,
      validationStatus: 'none',
      requesters: [{ kind: 'user', id: `u${pick(5)}` }],
      assignees: pick(2) ? [] : [{ kind: 'group', id: `g${pick(3)}` }],
      sequence: 1 + pick(9),
    };
  });
}

/** MongoDB's answer, spelled out: filter, sort on (field, _id) both one way, skip, limit, count. */
function reference(rows: TicketListRow[], plan: FanOut) {
  const matching = rows.filter(
    (row) =>
      Object.entries(plan.shared).every(([field, value]) => row[field as keyof TicketListRow] === value) &&
      plan.branches.some((branch) => row.entityId === branch.entityId && row.status === branch.status),
  );
  const field = plan.sortField as 'openedAt' | 'updatedAt';
  const key = (row: TicketListRow) => `${row[field]}|ticket-${row.ticketId}`;
  matching.sort((a, b) => plan.direction * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    rows: matching.slice(plan.skip, plan.skip + plan.limit),
    total: matching.length,
  };
}

function planOf(pick: (below: number) => number): FanOut {
  const entities = ENTITIES.filter(() => pick(3) > 0);
  const statuses = STATUSES.filter(() => pick(2) > 0);
  const shared: FanOut['shared'] = {};
  if (pick(4) === 0) shared.type = pick(2) ? 'incident' : 'request';
  if (pick(4) === 0) shared.priority = 1 + pick(6);
  if (pick(5) === 0) shared.categoryId = `c${pick(3)}`;
  const limit = [1, 5, 20, 100][pick(4)];
  const page = 1 + [0, 0, 1, 3, 40][pick(5)];
  return {
    shared,
    branches: entities.flatMap((entityId) => statuses.map((status) => ({ entityId, status }))),
    sortField: pick(2) ? 'openedAt' : 'updatedAt',
    direction: pick(2) ? 1 : -1,
    skip: (page - 1) * limit,
    limit,
  };
}

function readyIndexOf(rows: TicketListRow[]) {
  const index = new TicketListIndex();
  for (const row of rows) index.upsert(row);
  index.markReady();
  index.confirmFresh(60_000);
  return index;
}

describe('a page of the list index', () => {
  it('equals the read model’s answer for 500 random plans over 2,000 rows with many ties', () => {
    const pick = random(42);
    const rows = rowsOf(2000, pick);
    const index = readyIndexOf(rows);
    for (let i = 0; i < 500; i++) {
      const plan = planOf(pick);
      expect([i, listPage([rows], plan)]).toEqual([i, reference(rows, plan)]);
      expect([i, index.page(plan)]).toEqual([i, reference(rows, plan)]);
    }
  });

  it('goes past the selection for deep pages, and answers nothing beyond the end', () => {
    const rows = rowsOf(3000, random(7));
    const everything = {
      shared: {},
      branches: ENTITIES.flatMap((entityId) => STATUSES.map((status) => ({ entityId, status }))),
    };
    for (const skip of [0, 980, 1000, 2990, 3000, 1e11]) {
      const plan: FanOut = { ...everything, sortField: 'updatedAt', direction: -1, skip, limit: 20 };
      expect([skip, listPage([rows], plan)]).toEqual([skip, reference(rows, plan)]);
    }
  });

  it('declines plans on fields rows do not hold', () => {
    const base: FanOut = {
      shared: {},
      branches: [{ entityId: 'root', status: 'new' }],
      sortField: 'openedAt',
      direction: 1,
      skip: 0,
      limit: 20,
    };
    expect(rowsCanAnswer(base)).toBe(true);
    expect(rowsCanAnswer({ ...base, sortField: 'title' })).toBe(false);
    expect(rowsCanAnswer({ ...base, shared: { title: 'x' } })).toBe(false);
    expect(rowsCanAnswer({ ...base, branches: [{ entityId: 'root' }] })).toBe(false);
  });
});

describe('the list index', () => {
  const row = (sequence: number, status: TicketStatus): TicketListRow => ({
    ticketId: 't1',
    title: 'Imprimante',
    entityId: 'root',
    status,
    type: 'incident',
    priority: 3,
    urgency: 3,
    impact: 3,
    categoryId: null,
    openedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    solvedAt: null,
    closedAt: null,
    validationStatus: 'none',
    requesters: [{ kind: 'user', id: 'blier' }],
    assignees: [],
    sequence,
  });
  const plan: FanOut = {
    shared: {},
    branches: [{ entityId: 'root', status: 'assigned' }],
    sortField: 'openedAt',
    direction: 1,
    skip: 0,
    limit: 20,
  };

  it('only moves a row forward', () => {
    const index = new TicketListIndex();
    expect(index.upsert(row(2, 'assigned'))).toBe(true);
    expect(index.upsert(row(1, 'new'))).toBe(false);
    expect(index.upsert(row(2, 'assigned'))).toBe(true);
    expect([index.sequenceOf('t1'), index.sequenceOf('t2'), index.size]).toEqual([2, 0, 1]);
  });

  it('finds a ticket under its new status and entity only', () => {
    const index = new TicketListIndex();
    index.upsert(row(1, 'new'));
    index.upsert({ ...row(2, 'assigned'), entityId: 'E1' });
    index.markReady();
    index.confirmFresh(20_000);
    const where = (entityId: string, status: TicketStatus) =>
      index.page({ ...plan, branches: [{ entityId, status }] })?.total;
    expect([where('root', 'new'), where('root', 'assigned'), where('E1', 'new'), where('E1', 'assigned')]).toEqual([
      0, 0, 0, 1,
    ]);
  });

  it('answers only while ready, so the read model answers during the load and after a failure', () => {
    const index = new TicketListIndex();
    index.upsert(row(2, 'assigned'));
    expect(index.page(plan)).toBeUndefined();
    index.markReady();
    index.confirmFresh(20_000);
    expect(index.page(plan)).toEqual({ rows: [row(2, 'assigned')], total: 1 });
    index.markStale();
    expect(index.page(plan)).toBeUndefined();
  });

  it('stops answering when the feed has not heard from Kafka for a while', () => {
    jest.useFakeTimers();
    try {
      const index = new TicketListIndex();
      index.upsert(row(2, 'assigned'));
      index.markReady();
      index.confirmFresh(20_000);
      jest.advanceTimersByTime(19_000);
      expect(index.ready).toBe(true);
      jest.advanceTimersByTime(2_000);
      expect([index.ready, index.page(plan)]).toEqual([false, undefined]);
      index.confirmFresh(20_000); // the next heartbeat
      expect(index.ready).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('what the list index reads again after events', () => {
  it('asks each ticket up to its last event, and nothing of other streams', () => {
    const event = (streamId: string, sequence: number, type = 'ticket.status-changed') => ({
      type,
      streamId,
      sequence,
    });
    expect(
      latestSequences(TICKET_ROWS, [
        event('ticket-a', 3),
        event('ticket-a', 5),
        event('ticket-a', 4),
        event('ticket-b', 1, 'ticket.opened'),
        event('category-c', 9, 'category.created'),
      ]),
    ).toEqual(
      new Map([
        ['a', 5],
        ['b', 1],
      ]),
    );
  });
});

describe('a row of a ticket_view document', () => {
  const doc = {
    _id: 'ticket-t1',
    _sequence: 7,
    ticketId: 't1',
    title: 'Imprimante en panne',
    description: 'long text',
    entityId: 'root',
    status: 'solved',
    type: 'incident',
    categoryId: 'c1',
    urgency: 4,
    impact: 2,
    priority: 3,
    openedAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    solvedAt: '2026-01-02T00:00:00.000Z',
    closedAt: null,
    validationStatus: 'accepted',
    actors: {
      requester: [{ kind: 'user', id: 'blier' }],
      observer: [{ kind: 'user', id: 'boss' }],
      assignee: [{ kind: 'group', id: 'desk' }],
    },
    actorIndex: ['requester:user:blier'],
    timeline: [{ kind: 'followup' }],
  };

  it('holds the list item the read model’s document gives, at the document’s sequence, and nothing large', () => {
    const row = TICKET_ROWS.rowOf(doc)!;
    expect(row).toEqual({ ...listedOf(doc as unknown as TicketView), sequence: 7 });
    expect(Object.keys(row).some((key) => ['description', 'timeline', 'actorIndex', 'actors'].includes(key))).toBe(
      false,
    );
  });

  it('is kept with the actors shared across rows', () => {
    const index = new TicketListIndex();
    index.upsert(TICKET_ROWS.rowOf(doc)!);
    index.upsert(TICKET_ROWS.rowOf({ ...doc, _id: 'ticket-t2', ticketId: 't2' })!);
    expect(index.row('t1')!.requesters[0]).toBe(index.row('t2')!.requesters[0]);
  });
});
