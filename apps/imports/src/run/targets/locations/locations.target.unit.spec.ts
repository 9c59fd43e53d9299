import { DEFAULT_OPTIONS } from '../../../model/domain/import-options';
import { lineOutcome } from '../../domain/line-outcome';
import type { FieldValue } from '../../domain/line-values';
import type { KnownNode } from '../tree-index';
import { locationsSnapshot } from './locations.target';

// GLPI's tree of locations: Siège > Bâtiment A > Salle 12, an "Accueil" in two buildings.
const known = (id: string, name: string, parentId: string | null, comment: string | null = null) =>
  ({ id, name, parentId, comment }) satisfies KnownNode;
const tree = [
  known('siege', 'Siège', null, 'Paris'),
  known('bat-a', 'Bâtiment A', 'siege'),
  known('bat-b', 'Bâtiment B', 'siege'),
  known('salle', 'Salle 12', 'bat-a'),
  known('acc-a', 'Accueil', 'bat-a'),
  known('acc-b', 'Accueil', 'bat-b'),
];
const given = (locations: KnownNode[] = tree) => locationsSnapshot(locations);
const line = (values: Record<string, FieldValue>) => values;

describe('a locations line is found by its name under its parent', () => {
  it('given the tree, when a line names a location and its parent, then it is that location', () => {
    const found = given().match(line({ name: ' salle  12 ', parent: 'Bâtiment A' }), ['name']);
    expect(found).toEqual({ id: 'salle', values: { name: 'Salle 12', comment: null } });
  });

  it('given the tree, when a line names no parent, then only a location at the top is found', () => {
    expect(given().match(line({ name: 'Siège' }), ['name'])?.id).toBe('siege');
    expect(given().match(line({ name: 'Salle 12' }), ['name'])).toBeNull();
  });

  it('given two "Accueil", when a line names one as parent, then its complete name tells which', () => {
    const snapshot = given([...tree, known('hall', 'Hall', 'acc-b')]);
    expect(snapshot.match(line({ name: 'Hall', parent: 'Siège > Bâtiment B > Accueil' }), ['name'])?.id).toBe('hall');
    expect(snapshot.match(line({ name: 'Hall', parent: 'siège>bâtiment b>ACCUEIL' }), ['name'])?.id).toBe('hall');
    // the name alone is ambiguous: not found
    expect(snapshot.notFound(line({ name: 'Hall', parent: 'Accueil' }))).toEqual(['parent']);
  });

  it('given the tree, when a line names an unknown parent, then the line is refused (33), not made at the top', () => {
    const snapshot = given();
    const values = line({ name: 'Salle 3', parent: 'Bâtiment Z' });
    expect(snapshot.notFound(values)).toEqual(['parent']);
    expect(snapshot.match(values, ['name'])).toBeNull();
    const outcome = lineOutcome(
      { values, problems: [] },
      { type: 'locations', options: DEFAULT_OPTIONS, existing: null, notFound: snapshot.notFound(values) },
    );
    expect(outcome).toMatchObject({ action: 'refuse', code: 33, problems: [{ field: 'parent' }] });
  });
});

describe('a locations line becomes assets’ commands', () => {
  it('given nothing found, when created, then find-or-create v2 carries the parent and the comment', () => {
    const command = given().command('create', null, { name: ' Salle  3 ', parent: 'Bâtiment A', comment: 'RDC' }, 'A');
    expect(command).toMatchObject({
      type: 'dropdown.find-or-create',
      schemaVersion: 2,
      data: { kind: 'location', entityId: 'A', name: 'Salle 3', parentId: 'bat-a', comment: 'RDC' },
    });
  });

  it('given a location at the top, when created, then it has no parent and no comment unless the line gives one', () => {
    const command = given().command('create', null, { name: 'Lyon' }, 'A');
    expect(command).toMatchObject({ data: { kind: 'location', entityId: 'A', name: 'Lyon', parentId: null } });
    expect((command as { data: object }).data).not.toHaveProperty('comment');
  });

  it('given a location found, when updated, then dropdown.update changes its comment only', () => {
    const command = given().command('update', 'siege', { name: 'Siège', comment: 'Paris 8e' }, 'A');
    expect(command).toMatchObject({
      type: 'dropdown.update',
      data: { kind: 'location', valueId: 'siege', comment: 'Paris 8e' },
    });
    expect((command as { data: object }).data).not.toHaveProperty('name');
  });

  it('gives one place one Kafka key, whether the line creates or updates it', () => {
    const snapshot = given();
    const create = snapshot.command('create', null, { name: 'Salle 12', parent: 'Bâtiment A' }, 'A');
    const update = snapshot.command('update', 'salle', { name: 'salle 12', parent: 'bâtiment a', comment: 'x' }, 'A');
    const elsewhere = snapshot.command('create', null, { name: 'Salle 12', parent: 'Bâtiment B' }, 'A');
    expect((create as { streamId: string }).streamId).toBe((update as { streamId: string }).streamId);
    expect((create as { streamId: string }).streamId).not.toBe((elsewhere as { streamId: string }).streamId);
  });
});

describe('parents created when the model allows dropdown creation', () => {
  it('given a parent nobody bears, then it is created at the top and the lines are placed under it', () => {
    const snapshot = given();
    const values = line({ name: 'Salle 1', parent: ' Lyon ' });
    expect(snapshot.values!.missing(values)).toEqual([{ kind: 'location', name: 'Lyon', key: 'lyon' }]);
    expect(snapshot.values!.command({ kind: 'location', name: 'Lyon', key: 'lyon' }, 'A')).toMatchObject({
      type: 'dropdown.find-or-create',
      data: { kind: 'location', entityId: 'A', name: 'Lyon' },
    });
    snapshot.values!.learn({ kind: 'location', name: 'Lyon', key: 'lyon' }, 'lyon-id');
    expect(snapshot.notFound(values)).toEqual([]);
    expect(snapshot.command('create', null, values, 'A')).toMatchObject({ data: { parentId: 'lyon-id' } });
  });

  it('given a known parent, one named by a complete name, or a name two bear, then nothing is created', () => {
    const snapshot = given();
    expect(snapshot.values!.missing(line({ name: 'x', parent: 'Siège' }))).toEqual([]);
    expect(snapshot.values!.missing(line({ name: 'x', parent: 'Lyon > Part-Dieu' }))).toEqual([]);
    expect(snapshot.values!.missing(line({ name: 'x' }))).toEqual([]);
    // two "Accueil": the name is ambiguous, not missing
    expect(snapshot.values!.missing(line({ name: 'x', parent: 'accueil' }))).toEqual([]);
  });
});
