import { Injectable } from '@nestjs/common';
import { scopedFilter, type Caller } from '@itsm/auth';
import type { ProjectedFields } from '@itsm/eventsourcing';
import { pageOf, PageQuery, ProjectionRegistry } from '@itsm/runtime';
import { AssetQueries } from '../../asset/queries/asset-queries';
import {
  computerCompositionProjection,
  type ComputerCompositionDoc,
} from '../read-models/computer-composition.projection';
import { inventoryAgentsProjection, type InventoryAgentDoc } from '../read-models/inventory-agents.projection';

export type CompositionPart = 'components' | 'volumes' | 'networkPorts';

/** An agent as the API shows it: the read model's document without its bookkeeping. */
const agentView = ({ _id, _sequence, ...agent }: InventoryAgentDoc & Partial<ProjectedFields>): InventoryAgentDoc =>
  agent;

/** The agents and what they reported of each computer, as the caller may see them. */
@Injectable()
export class InventoryQueries {
  constructor(
    private readonly projections: ProjectionRegistry,
    private readonly assets: AssetQueries,
  ) {}

  /** Agents of the caller's entities, last contact first by default. */
  async agents(caller: Caller, query: PageQuery) {
    const agents = await this.projections.collection<InventoryAgentDoc>(inventoryAgentsProjection.name);
    return pageOf(agents, scopedFilter(caller), query, 'lastContactAt', agentView);
  }

  /** One part of a computer's composition (empty before its first inventory); not found when unseen. */
  async composition(caller: Caller, assetId: string, part: CompositionPart) {
    await this.assets.visibleDoc(caller, 'computer', assetId);
    const compositions = await this.projections.collection<ComputerCompositionDoc>(computerCompositionProjection.name);
    const doc = await compositions.findOne({ assetId });
    const items = doc ? doc[part] : [];
    return {
      assetId,
      lastInventoryAt: doc?.lastInventoryAt ?? null,
      ...(part === 'components' ? { operatingSystem: doc?.operatingSystem ?? null } : {}),
      items,
      total: items.length,
    };
  }
}
