// The sla service's former worst case for one deadline (issue 13, item 5): a calendar open one
// minute a week and the longest agreement allowed (366 days of business time), computed on the
// event loop for each ticket. Times the built `addAgreementDuration` in this process, no service:
// `coldMs` on a calendar never seen (nothing cached), `warmMs` for the next ticket, a minute later,
// on the same calendar.
//
// `npm run bench -- calendar`, or without the stack and the build step:
//   node bench/calendar.bench.mjs [path/to/apps/sla/dist]   (another build, e.g. before a change)
//
// Environment knobs:
//   BENCH_CALENDAR_RUNS   calendars per case, each new, with two tickets each (default 5)
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_CALENDAR_RUNS ?? 5);
const LONGEST_AGREEMENT_MINUTES = 366 * 24 * 60;
const START = new Date('2027-01-04T09:00:00Z');

/** One minute on Mondays; `name` varies so that each run starts with nothing cached. */
const oneMinuteAWeek = (name) => ({
  name,
  timeZone: 'Europe/Paris',
  openingHours: [{ weekday: 1, start: '08:00', end: '08:01' }],
  holidays: [],
});
const officeHours = (name) => ({
  name,
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [{ name: 'Noël', start: '2026-12-25', end: '2026-12-25', yearly: true }],
  publicHolidays: { country: 'FR' },
});

const CASES = [
  {
    name: '1 min a week, 366 days of business minutes',
    calendar: oneMinuteAWeek,
    duration: LONGEST_AGREEMENT_MINUTES,
    unit: 'minutes',
  },
  { name: '1 min a week, 366 open days', calendar: oneMinuteAWeek, duration: 366, unit: 'days' },
  { name: 'office hours (FR), 8 business hours', calendar: officeHours, duration: 8, unit: 'hours' },
  {
    name: 'office hours (FR), 366 days of business minutes',
    calendar: officeHours,
    duration: LONGEST_AGREEMENT_MINUTES,
    unit: 'minutes',
  },
];

const median = (values) => Math.round([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] * 100) / 100;

function timeCase(businessTime, { name, calendar, duration, unit }) {
  const timed = (definition, start) => {
    const started = process.hrtime.bigint();
    const deadline = businessTime.addAgreementDuration(definition, start, duration, unit);
    return { deadline, ms: Number(process.hrtime.bigint() - started) / 1e6 };
  };
  const cold = [];
  const warm = [];
  let deadline = null;
  for (let run = 0; run < RUNS; run++) {
    const definition = calendar(`${name} #${run}`);
    const first = timed(definition, START);
    cold.push(first.ms);
    warm.push(timed(definition, new Date(START.getTime() + 60_000)).ms);
    deadline = first.deadline;
  }
  return { case: name, deadline: deadline.toISOString(), coldMs: median(cold), warmMs: median(warm) };
}

/** Times the cases on the business-time module of a build (`dist`: an apps/sla/dist folder). */
function measure(dist) {
  const businessTime = createRequire(import.meta.url)(path.resolve(dist, 'calendar/domain/business-time.js'));
  return { start: START.toISOString(), runs: RUNS, cases: CASES.map((each) => timeCase(businessTime, each)) };
}

/** `npm run bench -- calendar`: this worktree's build. */
export default async function calendarBench() {
  return measure(path.join(here, '../apps/sla/dist'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(measure(process.argv[2] ?? path.join(here, '../apps/sla/dist')), null, 2));
}
