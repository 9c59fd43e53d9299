import { eventually, useIsolatedStack } from '@itsm/testing';
import { startTickets, type TicketsUnderTest } from '../../test-support/tickets-test-app';
import { AutoCloseJob } from './auto-close.job';

// Two replicas of tickets on one slice (one database, one Redis prefix), auto-close every second:
// each period's turn runs on one of them, never on both.
const stack = useIsolatedStack();

it('two replicas: the auto-close job runs once per period', async () => {
  const replicas: TicketsUnderTest[] = [];
  // one after the other: they would race to create the same topics
  for (let replica = 0; replica < 2; replica++)
    replicas.push(await startTickets(stack, { AUTO_CLOSE_INTERVAL_SECONDS: '1' }));
  const turnsOf = () => replicas.map((replica) => [...replica.app.get(AutoCloseJob).schedule.turns()]);
  await eventually(async () => turnsOf().flat().length >= 4, 20_000, 'four turns');
  await Promise.all(replicas.map((replica) => replica.close()));

  const [first, second] = turnsOf();
  const all = [...first, ...second];
  expect(first.filter((turn) => second.includes(turn))).toEqual([]);
  // a turn is the job of one period, `repeat:auto-close:<the period's start, in ms>`: all distinct
  // periods, a whole number of seconds apart
  const periods = all.map((turn) => Number(/^repeat:auto-close:(\d+)$/.exec(turn)?.[1])).sort((a, b) => a - b);
  const gaps = periods.slice(1).map((period, index) => period - periods[index]);
  expect(gaps.every((gap) => gap >= 1000 && gap % 1000 === 0)).toBe(true);
});
