import { belongsTo, reaches } from './entity-reach';

// The tree: root > A > A1, and B beside A. Ancestors are given nearest first, as the entity tree gives them.
const ANCESTORS: Record<string, string[]> = { root: [], A: ['root'], A1: ['A', 'root'], B: ['root'] };
const servesIn = (hold: { entityId: string; recursive: boolean }, entityId: string) =>
  reaches(hold, entityId, ANCESTORS[entityId]);

describe('what an entity holds, and where it serves (GLPI: is_recursive)', () => {
  it('serves its own entity, recursive or not', () => {
    expect(servesIn({ entityId: 'A', recursive: false }, 'A')).toBe(true);
    expect(servesIn({ entityId: 'A', recursive: true }, 'A')).toBe(true);
  });

  it('serves the entities below only when recursive', () => {
    expect(servesIn({ entityId: 'root', recursive: true }, 'A1')).toBe(true);
    expect(servesIn({ entityId: 'A', recursive: true }, 'A1')).toBe(true);
    expect(servesIn({ entityId: 'root', recursive: false }, 'A1')).toBe(false);
    expect(servesIn({ entityId: 'A', recursive: false }, 'A1')).toBe(false);
  });

  it('never serves a sibling entity, nor the entities above', () => {
    expect(servesIn({ entityId: 'B', recursive: true }, 'A')).toBe(false);
    expect(servesIn({ entityId: 'B', recursive: true }, 'A1')).toBe(false);
    expect(servesIn({ entityId: 'A1', recursive: true }, 'A')).toBe(false);
    expect(servesIn({ entityId: 'A', recursive: true }, 'root')).toBe(false);
  });
});

describe('a user belongs to an entity', () => {
  it('through any one of their authorizations that reaches it', () => {
    const onBAndA = [
      { entityId: 'B', recursive: true },
      { entityId: 'A', recursive: false },
    ];
    expect(belongsTo(onBAndA, 'A', ANCESTORS.A)).toBe(true);
    expect(belongsTo(onBAndA, 'B', ANCESTORS.B)).toBe(true);
    expect(belongsTo(onBAndA, 'A1', ANCESTORS.A1)).toBe(false);
  });

  it('not at all without an authorization', () => {
    expect(belongsTo([], 'root', ANCESTORS.root)).toBe(false);
  });
});
