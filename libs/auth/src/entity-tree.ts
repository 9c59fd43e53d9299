export interface EntityNode {
  id: string;
  parentId: string | null;
}

/**
 * The entity hierarchy (tenants and their sub-entities). Every walk remembers where it has been,
 * so a corrupt tree (a cycle) ends instead of looping forever.
 */
export class EntityTree {
  private readonly parents = new Map<string, string | null>();
  private readonly children = new Map<string, string[]>();

  constructor(nodes: readonly EntityNode[]) {
    for (const { id, parentId } of nodes) {
      this.parents.set(id, parentId);
      if (parentId !== null) this.children.set(parentId, [...(this.children.get(parentId) ?? []), id]);
    }
  }

  has(id: string): boolean {
    return this.parents.has(id);
  }

  /** The parent, or null for a root and for an entity the tree does not know. */
  parentOf(id: string): string | null {
    return this.parents.get(id) ?? null;
  }

  /** Nearest first, without `id` itself. */
  ancestorsOf(id: string): string[] {
    const ancestors: string[] = [];
    const seen = new Set([id]);
    for (let parent = this.parentOf(id); parent !== null && !seen.has(parent); parent = this.parentOf(parent)) {
      seen.add(parent);
      ancestors.push(parent);
    }
    return ancestors;
  }

  /** Breadth first, without `id` itself. */
  descendantsOf(id: string): string[] {
    const seen = new Set([id]);
    const descendants: string[] = [];
    for (let queue = [id]; queue.length > 0; ) {
      const next: string[] = [];
      for (const child of queue.flatMap((parent) => this.children.get(parent) ?? [])) {
        if (seen.has(child)) continue;
        seen.add(child);
        descendants.push(child);
        next.push(child);
      }
      queue = next;
    }
    return descendants;
  }

  /** The entities an authorization on `entityId` reaches: always `entityId` itself, even when unknown. */
  scopeOf(entityId: string, recursive: boolean): string[] {
    return recursive ? [entityId, ...this.descendantsOf(entityId)] : [entityId];
  }
}
