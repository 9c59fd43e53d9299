import { IMPORT_TARGET_TYPES } from '@itsm/contracts';

/**
 * What a CSV column can be imported into: the fields of each target type of Data Injection, with
 * the labels GLPI shows in French and English (a sample file's header is matched against them).
 * A field of a connected type (financial information, operating system, e-mails…) names it in
 * `table`, as the plugin's mapping screen does ("Tables" column).
 */
export type FieldKind =
  | 'text'
  | 'multiline'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'boolean'
  | 'email'
  | 'mac'
  | 'ip'
  /** a value of an entity-scoped catalogue (model, manufacturer, status, location…), found by name */
  | 'dropdown'
  /** a user (by login) or a group (by name) that must exist */
  | 'user'
  | 'group'
  | 'entity'
  | 'profile';

export type ConnectedTable =
  | 'financial'
  | 'operating-system'
  | 'network-port'
  | 'email'
  | 'membership'
  | 'authorization';

export interface TargetField {
  /** the field's name in the owning service's API */
  field: string;
  kind: FieldKind;
  labels: { fr: string; en: string };
  /** other header spellings met in the field (without accents, case or punctuation) */
  aliases?: readonly string[];
  table?: ConnectedTable;
  /** longest value accepted (code 37 beyond) */
  maxLength?: number;
  /** may identify an existing item (a link field) */
  linkable?: boolean;
  /** the catalogue a dropdown value belongs to */
  dropdown?: string;
  /** a line without it cannot create the item (code 23) */
  requiredToCreate?: boolean;
  /**
   * a value that names nothing refuses the line (33) instead of being left out with a warning: a
   * tree's parent places the item, and without it the item would be made or found at the top
   */
  mustBeFound?: boolean;
}

export const TARGET_TYPES = IMPORT_TARGET_TYPES;
export type TargetType = (typeof TARGET_TYPES)[number];

/** The types the assets service owns (one import target each). */
export const ASSET_TYPES = [
  'computers',
  'monitors',
  'printers',
  'network-equipments',
  'phones',
  'peripherals',
] as const;

const field = (
  name: string,
  kind: FieldKind,
  fr: string,
  en: string,
  extra: Omit<TargetField, 'field' | 'kind' | 'labels'> = {},
): TargetField => ({ field: name, kind, labels: { fr, en }, ...extra });

const NAME = field('name', 'text', 'Nom', 'Name', { maxLength: 255, linkable: true, requiredToCreate: true });
const COMMENT = field('comment', 'multiline', 'Commentaires', 'Comments', { aliases: ['commentaire'] });

/** GLPI's common asset fields (glpi-reference §4), then what each type adds. */
const assetFields = (kind: string): TargetField[] => [
  NAME,
  field('serial', 'text', 'Numéro de série', 'Serial number', {
    maxLength: 255,
    linkable: true,
    aliases: ['serial', 'numero serie', 'n de serie'],
  }),
  field('inventoryNumber', 'text', "Numéro d'inventaire", 'Inventory number', {
    maxLength: 255,
    linkable: true,
    aliases: ['otherserial', 'inventaire'],
  }),
  field('uuid', 'text', 'UUID', 'UUID', { maxLength: 255, linkable: true }),
  field('type', 'dropdown', 'Type', 'Type', { dropdown: `${kind}-types` }),
  field('model', 'dropdown', 'Modèle', 'Model', { dropdown: `${kind}-models`, aliases: ['modele'] }),
  field('manufacturer', 'dropdown', 'Fabricant', 'Manufacturer', {
    dropdown: 'manufacturers',
    aliases: ['constructeur', 'marque'],
  }),
  field('status', 'dropdown', 'Statut', 'Status', { dropdown: 'statuses', aliases: ['etat'] }),
  field('location', 'dropdown', 'Lieu', 'Location', {
    dropdown: 'locations',
    aliases: ['localisation', 'emplacement'],
  }),
  field('userId', 'user', 'Usager', 'User', { aliases: ['utilisateur', 'login usager'] }),
  field('groupId', 'group', 'Groupe', 'Group'),
  field('techUserId', 'user', 'Responsable technique', 'Technician in charge', { aliases: ['technicien'] }),
  field('techGroupId', 'group', 'Groupe responsable technique', 'Group in charge'),
  field('contact', 'text', 'Contact', 'Alternate username', { maxLength: 255 }),
  field('contactNumber', 'text', 'Numéro du contact', 'Alternate username number', { maxLength: 255 }),
  COMMENT,
  ...financialFields,
];

const financialFields: TargetField[] = [
  field('orderDate', 'date', 'Date de commande', 'Order date'),
  field('purchaseDate', 'date', "Date d'achat", 'Date of purchase', { aliases: ['date achat'] }),
  field('deliveryDate', 'date', 'Date de livraison', 'Delivery date'),
  field('inServiceDate', 'date', 'Date de mise en service', 'Startup date'),
  field('warrantyStartDate', 'date', 'Date de début de garantie', 'Start date of warranty', {
    aliases: ['date debut garantie'],
  }),
  field('warrantyMonths', 'integer', 'Durée de garantie', 'Warranty duration', {
    aliases: ['duree garantie', 'duree garantie en mois', 'garantie en mois'],
  }),
  field('value', 'decimal', 'Valeur', 'Value', { aliases: ['prix', 'cout'] }),
  field('supplier', 'dropdown', 'Fournisseur', 'Supplier', { dropdown: 'suppliers' }),
  field('orderNumber', 'text', 'Numéro de commande', 'Order number', { maxLength: 255 }),
  field('invoiceNumber', 'text', 'Numéro de facture', 'Invoice number', { maxLength: 255, aliases: ['facture'] }),
  field('immobilizationNumber', 'text', "Numéro d'immobilisation", 'Immobilization number', { maxLength: 255 }),
].map((financial) => ({ ...financial, table: 'financial' as const }));

const operatingSystemFields: TargetField[] = [
  field('osName', 'dropdown', 'Nom', 'Name', {
    dropdown: 'operating-systems',
    aliases: ['nom os', 'os', 'systeme d exploitation'],
  }),
  field('osVersion', 'dropdown', 'Version', 'Version', {
    dropdown: 'operating-system-versions',
    aliases: ['version os'],
  }),
  field('osEdition', 'dropdown', 'Édition', 'Edition', {
    dropdown: 'operating-system-editions',
    aliases: ['edition os'],
  }),
  field('osArchitecture', 'dropdown', 'Architecture', 'Architecture', {
    dropdown: 'operating-system-architectures',
    // assets keeps an architecture as agents report it ("x86_64"): 32 characters at most
    maxLength: 32,
    aliases: ['architecture os'],
  }),
  field('osKernel', 'text', 'Noyau', 'Kernel', { maxLength: 255 }),
].map((os) => ({ ...os, table: 'operating-system' as const }));

const networkPortFields: TargetField[] = [
  field('portName', 'text', 'Nom du port', 'Port name', { maxLength: 255 }),
  field('mac', 'mac', 'Adresse MAC', 'MAC address', { linkable: true, aliases: ['mac'] }),
  field('ip', 'ip', 'Adresse IP', 'IP address', { aliases: ['ip'] }),
].map((port) => ({ ...port, table: 'network-port' as const }));

const TARGETS: Record<TargetType, TargetField[]> = {
  computers: [...assetFields('computer'), ...operatingSystemFields, ...networkPortFields],
  monitors: [
    ...assetFields('monitor'),
    field('sizeInches', 'decimal', 'Taille', 'Size', { aliases: ['taille en pouces'] }),
  ],
  printers: [
    ...assetFields('printer'),
    field('initialPageCounter', 'integer', 'Compteur initial de pages', 'Initial page counter'),
    ...networkPortFields,
  ],
  'network-equipments': [
    ...assetFields('network-equipment'),
    field('firmware', 'text', 'Micrologiciel', 'Firmware', { maxLength: 255 }),
    field('ramMb', 'integer', 'Mémoire (Mio)', 'Memory (MiB)', { aliases: ['ram', 'memoire'] }),
    ...networkPortFields,
  ],
  phones: [
    ...assetFields('phone'),
    field('number', 'text', 'Numéro', 'Number', { maxLength: 255, aliases: ['numero de telephone'] }),
  ],
  peripherals: assetFields('peripheral'),
  software: [
    NAME,
    field('publisher', 'dropdown', 'Éditeur', 'Publisher', { dropdown: 'manufacturers', aliases: ['editeur'] }),
    field('version', 'text', 'Version', 'Version', { maxLength: 255, linkable: true }),
    COMMENT,
  ],
  licenses: [
    NAME,
    field('software', 'text', 'Logiciel', 'Software', { maxLength: 255, linkable: true, requiredToCreate: true }),
    field('serial', 'text', 'Numéro de série', 'Serial number', { maxLength: 255, linkable: true }),
    // assets records no licence without its seats (-1: unlimited)
    field('seats', 'integer', 'Nombre', 'Number', {
      requiredToCreate: true,
      aliases: ['sieges', 'nombre de licences'],
    }),
    field('expiresOn', 'date', "Date d'expiration", 'Expiration date'),
    COMMENT,
  ],
  users: [
    field('login', 'text', 'Identifiant', 'Login', {
      maxLength: 255,
      linkable: true,
      requiredToCreate: true,
      aliases: ['login'],
    }),
    field('firstName', 'text', 'Prénom', 'First name', { maxLength: 255 }),
    field('lastName', 'text', 'Nom de famille', 'Surname', { maxLength: 255, aliases: ['nom'] }),
    field('password', 'text', 'Mot de passe', 'Password', { maxLength: 255 }),
    field('email', 'email', 'Adresses de messagerie', 'Emails', {
      table: 'email',
      linkable: true,
      aliases: ['adresse mail', 'mail', 'email', 'courriel'],
    }),
    field('phone', 'text', 'Téléphone', 'Phone', { maxLength: 255 }),
    field('active', 'boolean', 'Actif', 'Active', { aliases: ['actif oui 1 non 0'] }),
    field('group', 'group', 'Groupe', 'Group', { table: 'membership' }),
    field('defaultProfile', 'profile', 'Profil par défaut', 'Default profile', {
      aliases: ['profil par defaut self service', 'profil'],
    }),
    COMMENT,
  ],
  groups: [NAME, COMMENT],
  'group-memberships': [
    field('login', 'user', 'Utilisateur', 'User', {
      linkable: true,
      requiredToCreate: true,
      aliases: ['identifiant', 'login'],
    }),
    field('group', 'group', 'Groupe', 'Group', { linkable: true, requiredToCreate: true }),
  ],
  authorizations: [
    field('login', 'user', 'Utilisateur', 'User', {
      linkable: true,
      requiredToCreate: true,
      aliases: ['identifiant', 'login'],
    }),
    field('profile', 'profile', 'Profil', 'Profile', { linkable: true, requiredToCreate: true }),
    field('entity', 'entity', 'Entité', 'Entity', { linkable: true, requiredToCreate: true }),
    field('recursive', 'boolean', 'Récursif', 'Recursive', { aliases: ['sous entites'] }),
  ],
  entities: [NAME, field('parent', 'entity', 'Entité parente', 'Parent entity', { requiredToCreate: true }), COMMENT],
  locations: [
    NAME,
    field('parent', 'dropdown', 'Lieu parent', 'Parent location', {
      dropdown: 'locations',
      mustBeFound: true,
      aliases: ['lieu pere'],
    }),
    COMMENT,
  ],
  'itil-categories': [
    NAME,
    field('parent', 'dropdown', 'Catégorie parente', 'Parent category', {
      dropdown: 'itil-categories',
      mustBeFound: true,
      aliases: ['categorie pere'],
    }),
    COMMENT,
  ],
};

export const fieldsOf = (type: TargetType): readonly TargetField[] => TARGETS[type];

export const isTargetType = (value: string): value is TargetType => (TARGET_TYPES as readonly string[]).includes(value);

export function fieldOf(type: TargetType, name: string): TargetField | undefined {
  return TARGETS[type].find((candidate) => candidate.field === name);
}
