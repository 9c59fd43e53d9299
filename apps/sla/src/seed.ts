import { jsonApi, type JsonApi } from '@itsm/runtime';

/**
 * The demo's service levels, through the public HTTP API as glpi (so through the real command
 * handlers): the seed's service hours "du lundi au vendredi de 8 h à 17 h" closed on France's
 * public holidays, GLPI-style TTO/TTR and internal TTO/TTR, and rules giving them to incidents and
 * requests. Run by `npm start` after identity's seed and before tickets', so the demo tickets get
 * their deadlines.
 */
const identityUrl = process.env.ITSM_IDENTITY_URL ?? 'http://127.0.0.1:3001';
const slaUrl = process.env.ITSM_SLA_URL ?? process.env.ITSM_SERVICE_URL ?? 'http://127.0.0.1:3003';

/** Closed on France's public holidays every year, movable feasts included (Easter Monday, Ascension, Whit Monday). */
const OFFICE_HOURS = {
  name: 'Heures ouvrées (lundi-vendredi 8 h-17 h)',
  timeZone: 'Europe/Paris',
  openingHours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })),
  holidays: [],
  publicHolidays: { country: 'FR' },
};

const notifyAssignees = [{ type: 'notify-assignees' }];
const agreements = (calendarId: string) => [
  {
    name: 'TTO 1 h ouvrée',
    agreement: 'sla',
    kind: 'tto',
    duration: 1,
    unit: 'hours',
    calendarId,
    levels: [{ name: 'Dépassement', offsetMinutes: 0, actions: notifyAssignees }],
  },
  {
    name: 'TTR 8 h ouvrées',
    agreement: 'sla',
    kind: 'ttr',
    duration: 8,
    unit: 'hours',
    calendarId,
    levels: [
      { name: 'Alerte', offsetMinutes: -30, actions: notifyAssignees },
      { name: 'Dépassement', offsetMinutes: 0, actions: notifyAssignees },
      { name: 'Escalade', offsetMinutes: 120, actions: [{ type: 'raise-priority' }] },
    ],
  },
  { name: 'TTO interne 30 min', agreement: 'ola', kind: 'tto', duration: 30, unit: 'minutes', calendarId, levels: [] },
  { name: 'TTR interne 4 h', agreement: 'ola', kind: 'ttr', duration: 4, unit: 'hours', calendarId, levels: [] },
];

async function signIn(login: string): Promise<JsonApi> {
  const answer = await jsonApi(identityUrl).post('/api/auth/login', { login, password: login });
  if (answer.status !== 200)
    throw new Error(`cannot sign in as ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return jsonApi(slaUrl, answer.body.accessToken);
}

async function created(answer: Promise<{ status: number; body: { [key: string]: unknown } }>, what: string) {
  const { status, body } = await answer;
  if (status !== 201) throw new Error(`cannot create ${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function seed(glpi: JsonApi): Promise<void> {
  const known = (await glpi.get('/api/calendars?limit=100')).body.items as Array<{ name: string }>;
  if (known.some((calendar) => calendar.name === OFFICE_HOURS.name)) return console.log('sla demo data already there');
  const calendar = await created(glpi.post('/api/calendars', { ...OFFICE_HOURS, entityId: 'root' }), 'the calendar');
  const slaIds: string[] = [];
  for (const agreement of agreements(calendar.calendarId as string)) {
    slaIds.push(
      (await created(glpi.post('/api/slas', { ...agreement, entityId: 'root' }), agreement.name)).slaId as string,
    );
  }
  await created(
    glpi.post('/api/sla-rules', {
      name: 'Incidents',
      rank: 10,
      criteria: { types: ['incident'] },
      slaIds,
      entityId: 'root',
    }),
    'the incident rule',
  );
  await created(
    glpi.post('/api/sla-rules', {
      name: 'Demandes',
      rank: 20,
      criteria: { types: ['request'] },
      slaIds: slaIds.slice(0, 2),
      entityId: 'root',
    }),
    'the request rule',
  );
  console.log('sla demo data: office hours calendar, TTO/TTR and internal TTO/TTR, rules for incidents and requests');
}

signIn('glpi')
  .then(seed)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
