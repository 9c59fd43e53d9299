import { Injectable } from '@nestjs/common';
import { scopedFilter, type Caller } from '@itsm/auth';
import type { ProjectedFields } from '@itsm/eventsourcing';
import { pageOf, PageQuery, ProjectionRegistry } from '@itsm/runtime';
import { assetStreamId } from '../../asset/asset.decider';
import { AssetQueries } from '../../asset/queries/asset-queries';
import { applyChanges } from '../domain/inventory-diff';
import { emptyComposition } from '../domain/inventory.model';
import {
  computerCompositionProjection,
  type ComputerCompositionDoc,
} from '../read-models/computer-composition.projection';
import { inventoryAgentsProjection, type InventoryAgentDoc } from '../read-models/inventory-agents.projection';

export type CompositionPart = 'components' | 'volumes' | 'networkPorts';

/** An agent as the API shows it: the read model's document without its bookkeeping. */
const agentView = ({
  _id,
  _sequence,
  freeSpace: _freeSpace,
  ...agent
}: InventoryAgentDoc & Partial<ProjectedFields>): Omit<InventoryAgentDoc, 'freeSpace'> => agent;

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
    const asset = await this.assets.visibleDoc(caller, 'computer', assetId);
    const compositions = await this.projections.collection<ComputerCompositionDoc>(computerCompositionProjection.name);
    const doc = await compositions.findOne({ assetId });
    const items = !doc ? [] : part === 'volumes' ? await this.volumesNow(doc) : doc[part];
    return {
      assetId,
      lastInventoryAt: asset.lastInventoryAt,
      ...(part === 'components' ? { operatingSystem: doc?.operatingSystem ?? null } : {}),
      items,
      total: items.length,
    };
  }

  /** The volumes with the free space measured since the composition was written (unchanged re-inventories). */
  private async volumesNow(doc: ComputerCompositionDoc & Partial<ProjectedFields>) {
    const agents = await this.projections.collection<InventoryAgentDoc>(inventoryAgentsProjection.name);
    const agent = await agents.findOne({ _id: assetStreamId(doc.assetId) });
    const freeSpace = agent?.freeSpace ?? [];
    return freeSpace.length > 0
      ? applyChanges({ ...emptyComposition(), volumes: doc.volumes }, { freeSpace }).volumes
      : doc.volumes;
  }
}
