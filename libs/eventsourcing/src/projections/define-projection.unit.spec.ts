import type { EventEnvelope } from '@itsm/contracts';
import type { CounterEvent } from '../test-support/counter.decider';
import { defineProjection, handlersFor } from './define-projection';

const envelope = (type: string, data: object): EventEnvelope => ({
  id: 'e1',
  type,
  schemaVersion: 1,
  streamId: 'counter-1',
  sequence: 1,
  entityId: 'root',
  occurredAt: '2026-11-30T09:00:00.000Z',
  actor: { kind: 'system', id: 'spec' },
  correlationId: 'c',
  causationId: 'c',
  data,
});

const closedCounters = defineProjection<{ closed: boolean }, CounterEvent>({
  name: 'closed_counters',
  handlers: { 'counter.closed': () => ({ closed: true }) },
});

describe('a projection defined by its handlers', () => {
  it('handles exactly the types it has a handler for', () => {
    expect([...closedCounters.handles]).toEqual(['counter.closed']);
  });

  it('gives each event to the handler of its type', () => {
    const { apply: project } = closedCounters;
    expect(project(null, envelope('counter.closed', {}))).toEqual({ closed: true });
  });

  it('leaves the document as it is for a type it has no handler for', () => {
    const doc = { closed: false };
    const { apply: project } = closedCounters;
    expect(project(doc, envelope('counter.incremented', { by: 1 }))).toBe(doc);
  });

  it('may give several types one handler', () => {
    const seen = defineProjection<{ types: string[] }>({
      name: 'seen',
      handlers: handlersFor(['entity.created', 'entity.renamed'], (current: { types: string[] } | null, event) => ({
        types: [...(current?.types ?? []), event.type],
      })),
    });
    const { apply: project } = seen;
    const created = project(null, envelope('entity.created', {}));
    expect([...seen.handles]).toEqual(['entity.created', 'entity.renamed']);
    expect(project(created, envelope('entity.renamed', {}))).toEqual({
      types: ['entity.created', 'entity.renamed'],
    });
  });
});
