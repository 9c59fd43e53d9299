import { generatedHistory } from '../../test-support/generated-history';
import { InMemoryStatistics } from '../../test-support/in-memory-statistics';
import { nonZeroBuckets } from '../../test-support/non-zero-buckets';
import { contextOf } from '../../test-support/history-publisher';
import { TicketHistory } from '../../test-support/ticket-history';

const nonZero = (statistics: InMemoryStatistics) => nonZeroBuckets(statistics.buckets);

describe('folding events into the statistics', () => {
  const history = generatedHistory(40);
  const inTimeOrder = new InMemoryStatistics().fold(history.inTimeOrder(), 1);

  it('gives the same buckets whatever the batches and however the two topics interleave', () => {
    // Given the same history read event by event in time order, when it is read topic after topic
    // (deadlines and calendars, then tickets, then assets, or the other way round) or in other batches
    const [tickets, sla, assets] = (['tickets', 'sla', 'assets'] as const).map((topic) =>
      history.events.filter((event) => contextOf(event) === topic),
    );
    const topicByTopic = new InMemoryStatistics().fold([...sla, ...tickets, ...assets], 13);
    const theOtherWay = new InMemoryStatistics().fold([...assets, ...tickets, ...sla], 29);
    const oneBatch = new InMemoryStatistics().fold(history.events);
    // Then the buckets are the same
    expect(nonZero(topicByTopic)).toEqual(nonZero(inTimeOrder));
    expect(nonZero(theOtherWay)).toEqual(nonZero(inTimeOrder));
    expect(nonZero(oneBatch)).toEqual(nonZero(inTimeOrder));
  });

  it('counts a redelivered event once', () => {
    // Given the history, when a part of it is delivered again
    const again = new InMemoryStatistics().fold(history.inTimeOrder(), 7).fold(history.events.slice(0, 100), 9);
    // Then nothing changes
    expect(nonZero(again)).toEqual(nonZero(inTimeOrder));
  });

  it('takes a ticket back from its former category when it is reclassified', () => {
    // Given a ticket opened in "printers" and solved
    const reclassified = new TicketHistory();
    reclassified.open('t1', '2026-02-02T08:00:00.000Z', { categoryId: 'printers' });
    reclassified.status('t1', 'new', 'solved', '2026-02-02T09:00:00.000Z');
    const statistics = new InMemoryStatistics().fold(reclassified.events);
    expect(statistics.row('category', 'month', '2026-02-01', 'printers').solved).toBe(1);
    // When it is reclassified to "network" afterwards
    reclassified.reclassify('t1', '2026-02-03T08:00:00.000Z', 'network');
    statistics.fold(reclassified.events.slice(-1));
    // Then every statistic of it moves to "network", its solution included
    expect(
      statistics.table('category', 'month', '2026-02-01', '2026-03-01').map((row) => [row.value, row.solved]),
    ).toEqual([['network', 1]]);
  });

  it('keeps deadlines that arrive before their ticket, and counts them once it is opened', () => {
    // Given the sla topic read ahead: an OLA TTO attached and met before the ticket's opening is read
    const early = new TicketHistory();
    early.open('t1', '2026-03-02T08:00:00.000Z', { group: 'support' });
    early.attach('t1', 'ola-tto', 'ola', 'tto', '2026-03-02T09:00:00.000Z', '2026-03-02T08:00:00.000Z');
    early.met('t1', 'ola-tto', 'ola', 'tto', '2026-03-02T09:00:00.000Z', '2026-03-02T08:30:00.000Z');
    const [opened, ...deadlines] = early.events;
    const statistics = new InMemoryStatistics().fold(deadlines);
    expect(statistics.buckets.size).toBe(0);
    // When the opening comes
    statistics.fold([opened]);
    // Then the OLA met counts for its group and its agreement
    expect(statistics.row('group', 'month', '2026-03-01', 'support').agreements.ola_tto_met).toBe(1);
    expect(statistics.row('agreement', 'month', '2026-03-01', 'ola-tto').agreements).toMatchObject({
      ola_tto_met: 1,
      ola_tto_breached: 0,
    });
  });

  it('counts a ticket under each linked asset’s type and model, and follows a model changed', () => {
    // Given a ticket linked to a laptop (a Latitude) and a laser printer, both known
    const linked = new TicketHistory();
    linked.asset('pc', 'laptop', 'latitude', '2026-02-01T08:00:00.000Z');
    linked.asset('printer', 'laser', 'm404', '2026-02-01T08:00:00.000Z');
    linked.open('t1', '2026-02-02T08:00:00.000Z', {
      items: [
        { itemType: 'computer', itemId: 'pc' },
        { itemType: 'printer', itemId: 'printer' },
      ],
    });
    const statistics = new InMemoryStatistics().fold(linked.events);
    const opened = (dimension: string) =>
      statistics.table(dimension, 'month', '2026-02-01', '2026-03-01').map((row) => [row.value, row.opened]);
    // Then it counts once under each type and each model
    expect(opened('asset-type')).toEqual([
      ['laptop', 1],
      ['laser', 1],
    ]);
    expect(opened('asset-model')).toEqual([
      ['latitude', 1],
      ['m404', 1],
    ]);
    // When the laptop's model is corrected afterwards
    linked.asset('pc', 'laptop', 'latitude-7440', '2026-02-03T08:00:00.000Z');
    statistics.fold(linked.events.slice(-1));
    // Then the ticket counts under the model now, as under a reclassified category
    expect(opened('asset-model')).toEqual([
      ['latitude-7440', 1],
      ['m404', 1],
    ]);
    // A transfer of the laptop to another entity is no reference of the statistics: nothing moves
    linked.transferAsset('pc', 'A', '2026-02-04T08:00:00.000Z');
    statistics.fold(linked.events.slice(-1));
    expect(opened('asset-model')).toEqual([
      ['latitude-7440', 1],
      ['m404', 1],
    ]);
  });
});
