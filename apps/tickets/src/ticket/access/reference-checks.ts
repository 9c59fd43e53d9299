import { DomainError } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import type { ActorRef, ActorRole, LinkedItem, TicketType } from '@itsm/contracts';
import { AssetCatalogue } from '../../assets/asset-catalogue';
import { CategoryCatalogue } from '../../category/category-catalogue';
import { TicketDirectory } from '../../directory/ticket-directory';
import { referencesRefusal, type Reference } from '../domain/ticket-references';

/** A user, group, category or asset a request names, by the field that names it; its facts are looked up here. */
export type Named =
  | { field: string; kind: 'user' | 'group'; id: string; role?: ActorRole }
  | { field: string; kind: 'category'; id: string; ticketType: TicketType }
  | { field: string; kind: 'asset'; id: string; itemType: string; ownerId?: string };

/** The actors of a list field of the request (`requesters.0.id`, …). */
export const actorsNamed = (field: string, actors: ActorRef[], role?: ActorRole): Named[] =>
  actors.map((actor, index) => ({ field: `${field}.${index}.id`, ...actor, role }));

/**
 * The ticket's items (`items.0.itemId`, …): assets. A caller without ticket.update (self-service)
 * links only their own devices, as GLPI's "Mes matériels".
 */
export const itemsNamed = (caller: Caller, items: readonly LinkedItem[]): Named[] =>
  items.map((item, index) => ({
    field: `items.${index}.itemId`,
    kind: 'asset',
    id: item.itemId,
    itemType: item.itemType,
    ...(caller.rights.has('ticket.update') ? {} : { ownerId: caller.userId }),
  }));

/** A task's technician, when it has one. */
export const technicianNamed = (technicianId: string | null | undefined): Named[] =>
  technicianId ? [{ field: 'technicianId', kind: 'user', id: technicianId }] : [];

/**
 * What a ticket names must exist and belong to its entity tree (`referencesRefusal`): the facts
 * come from the local copy of identity, the category catalogue and the entity tree, all cached.
 * Assignments also need their rights.
 */
@Injectable()
export class ReferenceChecks {
  constructor(
    private readonly directory: TicketDirectory,
    private readonly categories: CategoryCatalogue,
    private readonly assets: AssetCatalogue,
    private readonly tree: EntityTreeReader,
  ) {}

  /** Assigning others needs ticket.assign; taking a ticket for oneself needs ticket.steal. */
  static assertMayAssign(caller: Caller, assignees: ActorRef[]): void {
    const onlySelf = assignees.every((actor) => actor.kind === 'user' && actor.id === caller.userId);
    if (caller.rights.has('ticket.assign')) return;
    if (onlySelf && caller.rights.has('ticket.steal')) return;
    throw new DomainError(
      'forbidden',
      onlySelf ? 'taking a ticket needs ticket.steal' : 'assigning a ticket needs ticket.assign',
    );
  }

  /**
   * A 422 naming each field whose user, group, category or asset is unknown or outside the ticket's
   * entity tree. The caller, acting on a ticket of their scope, belongs by the authorization their
   * token carries: not looked up (identity's copy may not have heard of a grant yet).
   */
  async assertBelong(caller: Caller, entityId: string, all: Named[]): Promise<void> {
    const named = all.filter((one) => !(one.kind === 'user' && one.id === caller.userId));
    if (named.length === 0) return;
    const idsOf = (kind: Named['kind']) => [...new Set(named.filter((n) => n.kind === kind).map((n) => n.id))];
    const [tree, users, groups, categories, assets] = await Promise.all([
      this.tree.tree(),
      this.directory.usersById(idsOf('user')),
      this.directory.groupsById(idsOf('group')),
      Promise.all(idsOf('category').map((id) => this.categories.byId(id))),
      this.assets.byIds(idsOf('asset')),
    ]);
    const references = named.map((one): Reference => {
      if (one.kind === 'category') return { ...one, found: categories.find((c) => c?.categoryId === one.id) ?? null };
      if (one.kind === 'asset') return { ...one, found: assets.get(one.id) ?? null };
      if (one.kind === 'user') return { ...one, kind: 'user', found: users.get(one.id) ?? null };
      return { ...one, kind: 'group', found: groups.get(one.id) ?? null };
    });
    const refusal = referencesRefusal({ entityId, ancestors: tree.ancestorsOf(entityId) }, references);
    if (refusal) throw refusal;
  }
}
