import { headerKey, proposeMapping } from './propose-mapping';

describe('proposeMapping: a sample header matched to field labels, French or English', () => {
  it("proposes the seed's computers model from its header (Import_ordinateurs)", () => {
    const header = [
      'Nom',
      'Fabricant',
      'Modele',
      'Numero de serie',
      'Responsable technique',
      'Statut',
      'Type',
      'Usager',
      'Nom OS',
      'Version OS',
      'Edition',
      'Architecture',
      "Date d'achat",
      'Date de mise en service',
      'Date debut garantie',
      'Duree garantie (en mois)',
    ];
    expect(proposeMapping('computers', header).map((column) => column.field)).toEqual([
      'name',
      'manufacturer',
      'model',
      'serial',
      'techUserId',
      'status',
      'type',
      'userId',
      'osName',
      'osVersion',
      'osEdition',
      'osArchitecture',
      'purchaseDate',
      'inServiceDate',
      'warrantyStartDate',
      'warrantyMonths',
    ]);
  });

  it("proposes the seed's users model from its header", () => {
    const header = [
      'Prenom',
      'Nom de famille',
      'Login',
      'Mot de passe',
      'Adresse mail',
      'Groupe',
      'Telephone',
      'Actif (Oui = 1 - Non = 0)',
      'Profil par défaut (self-service)',
    ];
    expect(proposeMapping('users', header).map((column) => column.field)).toEqual([
      'firstName',
      'lastName',
      'login',
      'password',
      'email',
      'group',
      'phone',
      'active',
      'defaultProfile',
    ]);
  });

  it('matches English labels, ignores what it does not know and takes each field once', () => {
    expect(proposeMapping('computers', ['Serial number', 'Colour', 'serial', 'Name'])).toEqual([
      { column: 'Serial number', field: 'serial' },
      { column: 'Colour', field: null },
      { column: 'serial', field: null },
      { column: 'Name', field: 'name' },
    ]);
  });

  it('compares headers without accents, case, punctuation or extra spaces', () => {
    expect(headerKey('  Numéro  de SÉRIE ')).toBe('numero de serie');
    expect(headerKey("Date d'achat")).toBe('date d achat');
  });
});
