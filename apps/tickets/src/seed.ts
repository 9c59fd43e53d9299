import { ticketsApi, type TicketsApi } from './shared/json-client';

/**
 * The seed's demo tickets, through the public HTTP APIs of identity and tickets (so through the
 * real command handlers, as the users themselves): run by `npm start` after identity's seed.
 */
const identityUrl = process.env.ITSM_IDENTITY_URL ?? 'http://127.0.0.1:3001';
const ticketsUrl = process.env.ITSM_TICKETS_URL ?? process.env.ITSM_SERVICE_URL ?? 'http://127.0.0.1:3002';
const CATEGORIES = ['Panne logiciel', 'Panne matérielle', 'Panne réseau'];

async function signIn(login: string): Promise<{ api: TicketsApi; userId: string }> {
  const response = await fetch(`${identityUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: login }),
  });
  if (!response.ok) throw new Error(`cannot sign in as ${login}: ${response.status} ${await response.text()}`);
  const { accessToken } = (await response.json()) as { accessToken: string };
  const payload = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sub: string };
  return { api: ticketsApi(ticketsUrl, accessToken), userId: payload.sub };
}

/** Tickets learns users from identity's events: retry while it has not heard of them yet. */
async function untilKnown<T>(attempt: () => Promise<{ status: number; body: T }>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await attempt();
    if (answer.status < 300) return answer.body;
    if (answer.status !== 422 || Date.now() > deadline)
      throw new Error(`${answer.status} ${JSON.stringify(answer.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function ensureCategories(glpi: TicketsApi): Promise<Map<string, string>> {
  const existing = (await glpi.get('/api/itil-categories?limit=100')).body.items as Array<{
    name: string;
    categoryId: string;
  }>;
  const ids = new Map(existing.map((category) => [category.name, category.categoryId]));
  for (const name of CATEGORIES.filter((candidate) => !ids.has(candidate))) {
    ids.set(
      name,
      (await glpi.post('/api/itil-categories', { name, entityId: 'root', recursive: true })).body.categoryId,
    );
  }
  return ids;
}

/**
 * M. Blier's printer, as the assets seed records it (a printer whose user he is): looked up in
 * tickets' copy of the Parc through his "my devices", so no id is shared between the seeds. The
 * assets service may be slower to tell tickets: waited for a while, then the story goes on without it.
 */
async function blierPrinter(blier: TicketsApi): Promise<Array<{ itemType: string; itemId: string }>> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const devices = (await blier.get('/api/my-devices')).body.items as Array<{ itemType: string; itemId: string }>;
    const printer = devices?.find((device) => device.itemType === 'printer');
    if (printer) return [{ itemType: printer.itemType, itemId: printer.itemId }];
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  console.warn('[tickets] M. Blier has no printer in the Parc yet: his ticket is recorded without it');
  return [];
}

async function printerStory(category: string) {
  const tech = await signIn('tech');
  const blier = await signIn('S1');
  const normal = await signIn('normal');
  const items = await blierPrinter(blier.api);
  const ticket = await untilKnown(() =>
    tech.api.post('/api/tickets', {
      title: "Problème d'impression",
      description: "M. Blier appelle : son imprimante n'imprime plus.",
      source: 'phone',
      categoryId: category,
      urgency: 2,
      impact: 2,
      requesters: [{ kind: 'user', id: blier.userId }],
      assignees: [{ kind: 'user', id: tech.userId }],
      items,
    }),
  );
  const id = (ticket as { ticketId: string }).ticketId;
  await tech.api.post(`/api/tickets/${id}/tasks`, {
    content: 'Prise en main à distance du poste',
    durationMinutes: 30,
    state: 'done',
  });
  await untilKnown(() =>
    tech.api.post(`/api/tickets/${id}/validations`, { approver: { kind: 'user', id: normal.userId } }),
  );
  const timeline = (await tech.api.get(`/api/tickets/${id}/timeline`)).body as Array<{ kind: string; itemId: string }>;
  const validation = timeline.find((item) => item.kind === 'validation')!.itemId;
  await normal.api.post(`/api/tickets/${id}/validations/${validation}/answer`, {
    decision: 'accepted',
    comment: 'Validé',
  });
  await tech.api.post(`/api/tickets/${id}/solution`, {
    content: 'File d’impression débloquée à distance.',
    solutionType: 'Intervention à distance',
  });
  await blier.api.post(`/api/tickets/${id}/solution/approve`);
}

async function main() {
  const glpi = await signIn('glpi');
  if ((await glpi.api.get('/api/tickets?q=clavier&status=all')).body.total > 0) {
    console.log('[tickets] demo tickets already there');
    return;
  }
  const categories = await ensureCategories(glpi.api);
  const postOnly = await signIn('post-only');
  await untilKnown(() =>
    postOnly.api.post('/api/tickets', {
      title: 'Dysfonctionnement clavier',
      description: 'Plusieurs touches du clavier ne répondent plus.',
      urgency: 4,
    }),
  );
  await printerStory(categories.get('Panne matérielle')!);
  console.log('[tickets] demo categories and tickets created');
}

main().catch((error: unknown) => {
  console.error(`[tickets] seed failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
