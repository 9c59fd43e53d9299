import { jsonApi, type JsonApi } from '@itsm/runtime';

/**
 * The demo's Data Injection models, the seed's two (Import_ordinateurs and the users model), through
 * the public HTTP API as glpi; apps/imports/demo/ holds a small file for each. Run by `npm start`
 * after identity's seed; a model already there is left as it is.
 */
const identityUrl = process.env.ITSM_IDENTITY_URL ?? 'http://127.0.0.1:3001';
const importsUrl = process.env.ITSM_IMPORTS_URL ?? process.env.ITSM_SERVICE_URL ?? 'http://127.0.0.1:3006';

const column = (name: string, field: string | null, linkField = false) => ({ column: name, field, linkField });

/** "Format des dates j-mm-aaaa", "Format des nombres décimaux 1 234.56", creations and updates allowed, existing fields kept. */
const COMPUTERS = {
  name: 'Import_ordinateurs',
  targetType: 'computers',
  private: false,
  recursive: true,
  options: {
    allowCreation: true,
    allowUpdate: true,
    overwriteNonEmptyFields: false,
    dateFormat: 'dd-mm-yyyy',
    floatFormat: 'dot',
  },
  mapping: [
    column('Nom', 'name', true),
    column('Fabricant', 'manufacturer'),
    column('Modele', 'model'),
    column('Numero de serie', 'serial'),
    column('Responsable technique', 'techUserId'),
    column('Statut', 'status'),
    column('Type', 'type'),
    column('Usager', 'userId'),
    column('Nom OS', 'osName'),
    column('Version OS', 'osVersion'),
    column('Edition', 'osEdition'),
    column('Architecture', 'osArchitecture'),
    column("Date d'achat", 'purchaseDate'),
    column('Date de mise en service', 'inServiceDate'),
    column('Date debut garantie', 'warrantyStartDate'),
    column('Duree garantie (en mois)', 'warrantyMonths'),
  ],
};

const USERS = {
  name: 'Import_utilisateurs',
  targetType: 'users',
  private: false,
  recursive: true,
  mapping: [
    column('Prenom', 'firstName'),
    column('Nom de famille', 'lastName'),
    column('Login', 'login', true),
    column('Mot de passe', 'password'),
    column('Adresse mail', 'email'),
    column('Groupe', 'group'),
    column('Telephone', 'phone'),
    column('Actif (Oui = 1 - Non = 0)', 'active'),
    column('Profil par défaut (self-service)', 'defaultProfile'),
  ],
};

async function signIn(login: string): Promise<JsonApi> {
  const answer = await jsonApi(identityUrl).post('/api/auth/login', { login, password: login });
  if (answer.status !== 200)
    throw new Error(`cannot sign in as ${login}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return jsonApi(importsUrl, answer.body.accessToken);
}

async function main() {
  const api = await signIn('glpi');
  const existing = (await api.get('/api/import-models?limit=100')).body.items as Array<{ name: string }>;
  for (const model of [COMPUTERS, USERS]) {
    if (existing.some((known) => known.name === model.name)) continue;
    const created = await api.post('/api/import-models', model);
    if (created.status !== 201)
      throw new Error(`cannot create model ${model.name}: ${created.status} ${JSON.stringify(created.body)}`);
  }
  console.log('imports: the seed’s Data Injection models are ready (files in apps/imports/demo/)');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
