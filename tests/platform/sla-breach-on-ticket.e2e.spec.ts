import { IdentityFixture, type FixtureUser } from '@itsm/fixtures';
import { jsonApi } from '@itsm/runtime';
import { eventually, startSmtpSink, useIsolatedStack } from '@itsm/testing';
import { ok, untilKnown } from './platform-api';
import { startService, type ServiceProcess } from './service-process';

// The tickets and sla services as built, each its own process, talking only through Kafka: a
// ticket opened on tickets gets its deadlines from sla's rules, breaches its TTO a minute later,
// and shows the breach on the ticket and in the list; the group gets the mail; the TTR level
// raises the ticket's priority. Identity is played by its events and tokens.
const stack = useIsolatedStack();
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let tickets: ServiceProcess;
let sla: ServiceProcess;
let admin: FixtureUser, tech: FixtureUser, requester: FixtureUser;
let groupId: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  stack.onTeardown(() => smtp.close());
  const identity = new IdentityFixture(stack);
  await identity.connect();
  await identity.entity('root', 'Entité racine', null);
  admin = await identity.user('glpi', 'super-admin');
  tech = await identity.user('tech', 'technician', { emails: ['tech@example.org'] });
  requester = await identity.user('S1', 'self-service', { lastName: 'BLIER', firstName: 'Bertrand' });
  groupId = (await identity.group('Techniciens', [tech.userId])).id;
  [tickets, sla] = await Promise.all([
    startService(stack, 'tickets'),
    startService(stack, 'sla', { SMTP_URL: smtp.url }),
  ]);
}, 120_000);

it('a ticket breaches its TTO: the flag on the ticket and in the list, the mail, the escalation', async () => {
  const asAdmin = (url: string) => jsonApi(url, admin.token);
  const category = await ok(asAdmin(tickets.url).post('/api/itil-categories', { name: 'Panne matérielle' }));
  const agreement = (name: string, kind: 'tto' | 'ttr', actions: unknown[]) => () =>
    asAdmin(sla.url).post('/api/slas', {
      name,
      agreement: 'sla',
      kind,
      duration: 1,
      unit: 'minutes',
      levels: [{ name: 'Dépassement', offsetMinutes: 0, actions }],
    });
  const tto = await untilKnown(agreement('TTO 1 min', 'tto', [{ type: 'notify-group', groupId }]));
  const ttr = await untilKnown(agreement('TTR 1 min', 'ttr', [{ type: 'raise-priority' }]));
  await ok(
    asAdmin(sla.url).post('/api/sla-rules', {
      name: 'Panne matérielle',
      criteria: { categoryIds: [category.categoryId] },
      slaIds: [tto.slaId, ttr.slaId],
    }),
  );

  const opened = await untilKnown(() =>
    jsonApi(tickets.url, tech.token).post('/api/tickets', {
      title: 'Imprimante bloquée',
      description: "M. Blier appelle : l'imprimante ne répond plus.",
      categoryId: category.categoryId,
      urgency: 2,
      impact: 2,
      requesters: [requester.ref],
    }),
  );
  const ticketId: string = opened.ticketId;
  const view = async () => ok(asAdmin(tickets.url).get(`/api/tickets/${ticketId}`));

  await eventually(async () => (await view()).sla?.tto?.deadline != null, 30_000, 'the TTO on the ticket');
  expect((await view()).sla.tto).toMatchObject({ name: 'TTO 1 min', breached: false });

  await eventually(async () => (await view()).sla.tto.breached === true, 100_000, 'the TTO breach on the ticket');
  const breachedList = await ok(asAdmin(tickets.url).get('/api/tickets?slaBreached=tto'));
  expect(breachedList.items.map((item: { ticketId: string }) => item.ticketId)).toEqual([ticketId]);

  const mail = await smtp.waitFor((candidate) => candidate.subject.includes('Imprimante bloquée'), 30_000);
  expect(mail.to).toContain('tech@example.org');
  expect(mail.subject).toBe('[ITSM] TTO deadline breached: Imprimante bloquée');

  await eventually(async () => (await view()).priority === opened.priority + 1, 30_000, 'the raised priority');
  const deadlines = await ok(asAdmin(sla.url).get(`/api/tickets/${ticketId}/sla`));
  expect(deadlines.agreements).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'tto', breached: true }),
      expect.objectContaining({ kind: 'ttr', breached: true }),
    ]),
  );
});
