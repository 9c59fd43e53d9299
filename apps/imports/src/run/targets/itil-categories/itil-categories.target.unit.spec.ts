import { projectEvents } from '@itsm/testing';
import { isDomainError } from '@itsm/domain';
import { importCategoriesProjection, type ImportCategoryDoc } from './import-categories.projection';
import { categoriesSnapshot, usableIn } from './itil-categories.target';

const category = (categoryId: string, name: string, parentId: string | null, entityId = 'A', recursive = true) =>
  ({ categoryId, name, parentId, entityId, recursive }) satisfies ImportCategoryDoc;
// root's recursive "Matériel" and its private "Interne"; A's own "Matériel > Imprimante"
const categories = [
  category('mat-root', 'Matériel', null, 'root'),
  category('int-root', 'Interne', null, 'root', false),
  category('mat-a', 'Matériel', null),
  category('imp-a', 'Imprimante', 'mat-a'),
  category('b-only', 'Réseau', null, 'B'),
];

describe('the ITIL categories a run of entity A finds', () => {
  it('given A below root, then they are A’s own first, then root’s recursive ones; B’s and root’s private ones are not', () => {
    expect(usableIn('A', new Set(['root']), categories).map((node) => node.id)).toEqual(['mat-a', 'imp-a', 'mat-root']);
  });

  it('given two "Matériel" at the top, then a line finds A’s, the nearest, and so does a parent named so', () => {
    const snapshot = categoriesSnapshot(usableIn('A', new Set(['root']), categories));
    expect(snapshot.match({ name: 'matériel' }, ['name'])?.id).toBe('mat-a');
    expect(snapshot.match({ name: 'Imprimante', parent: 'Matériel' }, ['name'])?.id).toBe('imp-a');
  });

  it('given two "Imprimante" under two parents, then a parent named "Imprimante" alone is not found, its complete name is', () => {
    const snapshot = categoriesSnapshot(
      usableIn('A', new Set(), [
        ...categories,
        category('log', 'Logiciel', null),
        category('imp-log', 'Imprimante', 'log'),
      ]),
    );
    expect(snapshot.notFound({ name: 'Pilote', parent: 'Imprimante' })).toEqual(['parent']);
    expect(snapshot.notFound({ name: 'Pilote', parent: 'Logiciel > Imprimante' })).toEqual([]);
    expect(snapshot.command('create', null, { name: 'Pilote', parent: 'Logiciel > Imprimante' }, 'A')).toMatchObject({
      data: { parentId: 'imp-log' },
    });
  });

  it('given A alone, when a line names its category under its parent, then it is found', () => {
    const snapshot = categoriesSnapshot(usableIn('A', new Set(), categories));
    expect(snapshot.match({ name: ' imprimante ', parent: 'Matériel' }, ['name'])).toEqual({
      id: 'imp-a',
      values: { name: 'Imprimante' },
    });
    expect(snapshot.notFound({ name: 'Scanner', parent: 'Logiciel' })).toEqual(['parent']);
  });
});

describe('a categories line becomes tickets’ category.create', () => {
  const snapshot = categoriesSnapshot(usableIn('A', new Set(), categories));

  it('given a parent found, when created, then the command names it and the run’s entity; the comment is left out', () => {
    const command = snapshot.command('create', null, { name: ' Scanner ', parent: 'Matériel', comment: 'x' }, 'A');
    expect(command).toMatchObject({
      type: 'category.create',
      data: { name: 'Scanner', entityId: 'A', parentId: 'mat-a' },
    });
    expect((command as { data: object }).data).not.toHaveProperty('comment');
  });

  it('given no parent, when created, then the command has none', () => {
    const command = snapshot.command('create', null, { name: 'Logiciel' }, 'A');
    expect((command as { data: object }).data).toEqual({ name: 'Logiciel', entityId: 'A' });
  });

  it('given a category found, then it is not updated: tickets changes none', () => {
    const command = snapshot.command('update', 'imp-a', { name: 'Imprimante', comment: 'x' }, 'A');
    expect(isDomainError(command) && command.message).toMatch(/does not change ITIL categories/);
  });
});

describe('import_itil_categories', () => {
  it('keeps a category’s place and reach from category.created', () => {
    const created = {
      type: 'category.created' as const,
      data: { ...category('c1', 'Réseau', 'p1'), forIncidents: true, forRequests: false },
    };
    expect(projectEvents(importCategoriesProjection, [created])).toEqual(category('c1', 'Réseau', 'p1'));
  });
});
