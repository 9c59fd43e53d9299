// The sla service's former worst case for one deadline (issue 13, item 5): a calendar open one
// minute a week and the longest agreement allowed (366 days of business time), computed on the
// event loop for each ticket. Times the built `addAgreementDuration` in this process, no service.
//
// `npm run bench -- calendar`, or without the stack and the build step:
//   node bench/calendar.bench.mjs [path/to/apps/sla/dist]   (another build, e.g. before a change)
//
// Environment knobs:
//   BENCH_CALENDAR_RUNS   deadlines computed per case, each on a fresh calendar cache (default 5)
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
  { name: '1 min a week, 366 days of business minutes', calendar: oneMinuteAWeek, duration: LONGEST_AGREEMENT_MINUTES, unit: 'minutes' },
  { name: '1 min a week, 366 open days', calendar: oneMinuteAWeek, duration: 366, unit: 'days' },
  { name: 'office hours (FR), 8 business hours', calendar: officeHours, duration: 8, unit: 'hours' },
  { name: 'office hours (FR), 366 days of business minutes', calendar: officeHours, duration: LONGEST_AGREEMENT_MINUTES, unit: 'minutes' },
];

function timeCase(businessTime, { name, calendar, duration, unit }) {
  const millis = [];
  let deadline = null;
  for (let run = 0; run < RUNS; run++) {
    const started = process.hrtime.bigint();
    deadline = businessTime.addAgreementDuration(calendar(`${name} #${run}`), START, duration, unit);
    millis.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  millis.sort((a, b) => a - b);
  return {
    case: name,
    deadline: deadline instanceof Date ? deadline.toISOString() : deadline,
    medianMs: Math.round(millis[Math.floor(millis.length / 2)] * 100) / 100,
    maxMs: Math.round(millis[millis.length - 1] * 100) / 100,
  };
}

export default async function calendarBench(dist = path.join(here, '../apps/sla/dist')) {
  const businessTime = createRequire(import.meta.url)(path.resolve(dist, 'calendar/domain/business-time.js'));
  return { start: START.toISOString(), runs: RUNS, cases: CASES.map((each) => timeCase(businessTime, each)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await calendarBench(process.argv[2]), null, 2));
}
