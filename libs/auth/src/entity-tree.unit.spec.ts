import { EntityTree } from './entity-tree';

// root ─┬─ europe ─┬─ france ── paris
//       │          └─ spain
//       └─ america
const tree = new EntityTree([
  { id: 'root', parentId: null },
  { id: 'europe', parentId: 'root' },
  { id: 'france', parentId: 'europe' },
  { id: 'paris', parentId: 'france' },
  { id: 'spain', parentId: 'europe' },
  { id: 'america', parentId: 'root' },
]);

describe('entity tree', () => {
  it('knows its entities and their parents', () => {
    expect(tree.has('paris')).toBe(true);
    expect(tree.has('tokyo')).toBe(false);
    expect(tree.parentOf('paris')).toBe('france');
    expect(tree.parentOf('root')).toBeNull();
    expect(tree.parentOf('tokyo')).toBeNull();
  });

  it('lists ancestors nearest first and descendants of any depth, never the entity itself', () => {
    expect(tree.ancestorsOf('paris')).toEqual(['france', 'europe', 'root']);
    expect(tree.ancestorsOf('root')).toEqual([]);
    expect(tree.descendantsOf('europe').sort()).toEqual(['france', 'paris', 'spain']);
    expect(tree.descendantsOf('paris')).toEqual([]);
    expect(tree.descendantsOf('root')).toHaveLength(5);
  });

  it('scopes an authorization to the entity, or the entity and its subtree when recursive', () => {
    expect(tree.scopeOf('europe', false)).toEqual(['europe']);
    expect(tree.scopeOf('europe', true).sort()).toEqual(['europe', 'france', 'paris', 'spain']);
  });

  it('keeps an entity it does not know yet in its own scope (the read model may lag)', () => {
    expect(tree.scopeOf('tokyo', true)).toEqual(['tokyo']);
    expect(tree.ancestorsOf('tokyo')).toEqual([]);
  });

  it('ends its walks on a corrupt tree with a cycle', () => {
    const corrupt = new EntityTree([
      { id: 'a', parentId: 'c' },
      { id: 'b', parentId: 'a' },
      { id: 'c', parentId: 'b' },
      { id: 'self', parentId: 'self' },
    ]);
    expect(corrupt.ancestorsOf('a')).toEqual(['c', 'b']);
    expect(corrupt.descendantsOf('a').sort()).toEqual(['b', 'c']);
    expect(corrupt.scopeOf('a', true).sort()).toEqual(['a', 'b', 'c']);
    expect(corrupt.ancestorsOf('self')).toEqual([]);
    expect(corrupt.descendantsOf('self')).toEqual([]);
  });
});
