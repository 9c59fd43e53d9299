import { jsonApi, type JsonApi } from '@itsm/runtime';

/**
 * The Parc of the seed, through the public HTTP APIs of identity and assets (so through the real
 * command handlers), as glpi: the catalogues, M. Blier's computer, screen, printer and phone at
 * the service commercial, the technician's laptop, the accounting's computer, the headquarters'
 * switch. Run by `npm start` after identity's seed.
 */
const identityUrl = process.env.ITSM_IDENTITY_URL ?? 'http://127.0.0.1:3001';
const assetsUrl = process.env.ITSM_ASSETS_URL ?? process.env.ITSM_SERVICE_URL ?? 'http://127.0.0.1:3004';

interface Answer {
  status: number;
  body: { [key: string]: unknown };
}

async function signIn(login: string): Promise<{ api: JsonApi; userId: string }> {
  const answer = await jsonApi(identityUrl).post('/api/auth/login', { login, password: login });
  if (answer.status !== 200)
    throw new Error(`cannot sign in as ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
  const payload = JSON.parse(Buffer.from(answer.body.accessToken.split('.')[1], 'base64url').toString());
  return { api: jsonApi(assetsUrl, answer.body.accessToken), userId: payload.sub as string };
}

/** Assets learns users from identity's events: retry while it has not heard of them yet (422). */
async function created(attempt: () => Promise<Answer>, what: string): Promise<Answer['body']> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await attempt();
    if (answer.status === 201) return answer.body;
    if (answer.status !== 422 || Date.now() > deadline) {
      throw new Error(`cannot create ${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The value's id, created when the catalogue lacks it (the seed may run again). */
async function value(glpi: JsonApi, kind: string, name: string, parentId?: string): Promise<string> {
  const known = (await glpi.get(`/api/asset-dropdowns/${kind}?name=${encodeURIComponent(name)}&limit=100`)).body
    .items as Array<{ valueId: string; name: string; parentId: string | null }>;
  const same = known.find((one) => one.name === name && one.parentId === (parentId ?? null));
  if (same) return same.valueId;
  const body = { name, entityId: 'root', recursive: true, ...(parentId ? { parentId } : {}) };
  return (await created(() => glpi.post(`/api/asset-dropdowns/${kind}`, body), `${kind} ${name}`)).valueId as string;
}

async function catalogues(glpi: JsonApi) {
  const siege = await value(glpi, 'location', 'Siège');
  const batiment = await value(glpi, 'location', 'Bâtiment A', siege);
  return {
    dell: await value(glpi, 'manufacturer', 'Dell Inc.'),
    hp: await value(glpi, 'manufacturer', 'HP'),
    lenovo: await value(glpi, 'manufacturer', 'Lenovo'),
    cisco: await value(glpi, 'manufacturer', 'Cisco'),
    alcatel: await value(glpi, 'manufacturer', 'Alcatel-Lucent'),
    inService: await value(glpi, 'status', 'En service'),
    inStock: await value(glpi, 'status', 'En stock'),
    commercial: await value(glpi, 'location', 'Service commercial', batiment),
    accounting: await value(glpi, 'location', 'Service comptabilité', batiment),
    serverRoom: await value(glpi, 'location', 'Salle serveur', siege),
    desktop: await value(glpi, 'computer-type', 'Poste fixe'),
    laptop: await value(glpi, 'computer-type', 'Portable'),
    optiplex: await value(glpi, 'computer-model', 'OptiPlex 7090'),
    thinkpad: await value(glpi, 'computer-model', 'ThinkPad T14'),
    screenModel: await value(glpi, 'monitor-model', 'P2422H'),
    laser: await value(glpi, 'printer-type', 'Laser'),
    laserJet: await value(glpi, 'printer-model', 'LaserJet Pro M404dn'),
    switchType: await value(glpi, 'network-equipment-type', 'Commutateur'),
    ipPhone: await value(glpi, 'phone-type', 'Téléphone IP'),
  };
}

/** Bought on 2021-09-01, in service on the 15th, three years of warranty, depreciated over four. */
const purchase = (value: number, invoiceNumber: string) => ({
  purchaseDate: '2021-09-01',
  deliveryDate: '2021-09-08',
  inServiceDate: '2021-09-15',
  warrantyStartDate: '2021-09-01',
  warrantyMonths: 36,
  value,
  supplier: 'Dell France',
  orderNumber: 'CMD-2021-118',
  invoiceNumber,
  depreciationType: 'linear',
  depreciationYears: 4,
});

async function seed(): Promise<void> {
  const glpi = await signIn('glpi');
  const known = (await glpi.api.get('/api/computers?name=PC-COMMERCIAL-01')).body.total as number;
  if (known > 0) return console.log('assets demo data already there');
  const [blier, tech] = [await signIn('S1'), await signIn('tech')];
  const v = await catalogues(glpi.api);
  const post = (route: string, body: object) =>
    created(() => glpi.api.post(`/api/${route}`, { entityId: 'root', ...body }), `${route} ${JSON.stringify(body)}`);
  const blierDesk = { userId: blier.userId, locationId: v.commercial, statusId: v.inService, contact: 'S1' };

  await post('computers', {
    name: 'PC-COMMERCIAL-01',
    serial: '7HXK2J3',
    inventoryNumber: 'INV-2021-0042',
    manufacturerId: v.dell,
    modelId: v.optiplex,
    typeId: v.desktop,
    technicianId: tech.userId,
    comment: 'Poste de M. Blier (service commercial)',
    ...blierDesk,
    ...purchase(899, 'FAC-2021-5531'),
  });
  await post('monitors', {
    name: 'ECRAN-COMMERCIAL-01',
    serial: 'CN0P2422H1',
    inventoryNumber: 'INV-2021-0043',
    manufacturerId: v.dell,
    modelId: v.screenModel,
    sizeInches: 24,
    ...blierDesk,
    ...purchase(189, 'FAC-2021-5531'),
  });
  await post('printers', {
    name: 'IMP-COMMERCIAL-01',
    serial: 'PHBQB12345',
    inventoryNumber: 'INV-2020-0107',
    manufacturerId: v.hp,
    modelId: v.laserJet,
    typeId: v.laser,
    initialPageCounter: 0,
    lastPageCounter: 18_240,
    comment: 'Imprimante de M. Blier : décalage des lignes après changement de cartouche',
    ...blierDesk,
  });
  await post('phones', {
    name: 'POSTE-COMMERCIAL-01',
    manufacturerId: v.alcatel,
    typeId: v.ipPhone,
    phoneNumber: '+33 1 40 00 12 34',
    ...blierDesk,
  });
  await post('computers', {
    name: 'PC-TECH-01',
    serial: 'PF3ABCDE',
    inventoryNumber: 'INV-2022-0007',
    manufacturerId: v.lenovo,
    modelId: v.thinkpad,
    typeId: v.laptop,
    userId: tech.userId,
    statusId: v.inService,
    locationId: v.serverRoom,
  });
  await post('computers', {
    name: 'PC-COMPTA-01',
    serial: '9JXK2J3',
    inventoryNumber: 'INV-2021-0044',
    manufacturerId: v.dell,
    modelId: v.optiplex,
    typeId: v.desktop,
    statusId: v.inStock,
    locationId: v.accounting,
    ...purchase(899, 'FAC-2021-5531'),
  });
  await post('network-equipments', {
    name: 'SW-SIEGE-01',
    serial: 'FOC1234X0AB',
    manufacturerId: v.cisco,
    typeId: v.switchType,
    firmware: '15.2(7)E8',
    ramMb: 512,
    cpu: 'ARM Cortex-A9',
    statusId: v.inService,
    locationId: v.serverRoom,
    technicianId: tech.userId,
  });
  console.log('assets demo data created: the Parc of the service commercial, the technician and the headquarters');
}

seed().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
