import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@itsm/contracts';
import {
  IndexReadiness,
  ProjectionRegistry,
  type FedIndex,
  type SnapshotCapable,
  type StreamEvent,
} from '@itsm/runtime';
import { assetStreamId } from '../asset/asset.decider';
import type { ComputerLookup } from './domain/import-rules';
import {
  MATCH_KEYS_EVENTS,
  nameKeyOf,
  matchKeysAfter,
  type ComputerMatchKeys,
  type MatchKeysEvent,
} from './domain/match-keys';
import { computerMatchKeysProjection } from './read-models/computer-match-keys.projection';

const LOAD_BATCH = 5000;
const STREAM_PREFIX = assetStreamId('');
const FOLDED: ReadonlySet<string> = new Set(MATCH_KEYS_EVENTS);

type Key = 'serial' | 'uuid' | 'nameKey' | 'macs' | 'deviceId';
const KEYS: Key[] = ['serial', 'uuid', 'nameKey', 'macs', 'deviceId'];

const NONE: ReadonlySet<string> = new Set();

/** A computer in a snapshot: its stream, the sequence folded, its keys. */
type SnapshotItem = [streamId: string, sequence: number, keys: ComputerMatchKeys];

/** A value's computers: one asset id as itself (nearly every value), a set only when shared. */
class Postings {
  private readonly byValue = new Map<string, string | Set<string>>();

  add(value: string, assetId: string): void {
    const held = this.byValue.get(value);
    if (held === undefined || held === assetId) this.byValue.set(value, assetId);
    else if (typeof held === 'string') this.byValue.set(value, new Set([held, assetId]));
    else held.add(assetId);
  }

  delete(value: string, assetId: string): void {
    const held = this.byValue.get(value);
    if (held === assetId) this.byValue.delete(value);
    else if (typeof held !== 'string' && held?.delete(assetId) && held.size === 1) {
      this.byValue.set(value, held.values().next().value as string);
    }
  }

  of(value: string): ReadonlySet<string> {
    const held = this.byValue.get(value);
    if (held === undefined) return NONE;
    return typeof held === 'string' ? new Set([held]) : held;
  }
}

const valuesOf = (keys: ComputerMatchKeys, key: Key): string[] => {
  const value = keys[key];
  if (Array.isArray(value)) return value;
  return value ? [value] : [];
};

/**
 * Every computer's matching keys in this replica's memory (computer_match_keys), so that an
 * inventory's import rules ask no database: loaded at start, then folding the assets topic's
 * events (through the asset indexes' feed) and this replica's own inline, once per stream
 * sequence. Another replica's new computer is known here once its event comes through Kafka:
 * within that lag only a computer's deterministic id (ApplyAgentInventory) keeps two first
 * inventories of one device from making two computers.
 */
@Injectable()
export class ComputerMatchIndex extends IndexReadiness implements FedIndex {
  readonly readModel = computerMatchKeysProjection.name;
  private computers = new Map<string, ComputerMatchKeys>();
  private postings = this.emptyPostings();
  /** stream -> the last sequence folded (also of purged computers: a late event does not bring one back) */
  private folded = new Map<string, number>();
  private heardDuringLoad?: StreamEvent[];

  constructor(private readonly projections: ProjectionRegistry) {
    super();
  }

  get size(): number {
    return this.computers.size;
  }

  /** The computer an agent's device id last reported, or null (ask only when ready). */
  byDevice(deviceId: string): ComputerMatchKeys | null {
    return this.latest(this.postings.deviceId.of(deviceId));
  }

  /** The computers one of whose physical ports has this MAC (lower case with colons; ask only when ready). */
  withMac(mac: string): ReadonlySet<string> {
    return this.postings.macs.of(mac);
  }

  /** The latest computer having every value of the lookup (any of its MACs), or null. */
  find(lookup: ComputerLookup): ComputerMatchKeys | null {
    const candidates: Array<ReadonlySet<string>> = [];
    if (lookup.serial) candidates.push(this.postings.serial.of(lookup.serial));
    if (lookup.uuid) candidates.push(this.postings.uuid.of(lookup.uuid));
    if (lookup.name) candidates.push(this.postings.nameKey.of(nameKeyOf(lookup.name) ?? ''));
    if (lookup.macs) candidates.push(new Set(lookup.macs.flatMap((mac) => [...this.postings.macs.of(mac)])));
    if (candidates.length === 0) return null;
    const [smallest, ...others] = [...candidates].sort((a, b) => a.size - b.size);
    return this.latest([...smallest].filter((assetId) => others.every((ids) => ids.has(assetId))));
  }

  async loadAll(stopped: () => boolean): Promise<number> {
    return this.replaceWith(async (keep) => {
      const collection = await this.projections.collection<ComputerMatchKeys>(this.readModel);
      for await (const doc of collection.find({}, { batchSize: LOAD_BATCH })) {
        if (stopped()) break;
        const { _id, _sequence, ...keys } = doc;
        keep(_id, _sequence, keys);
      }
    });
  }

  /** The computers' keys with their stream's sequence, as a snapshot keeps them. */
  readonly snapshot: SnapshotCapable = {
    format: 'computer-match-keys:1',
    items: () =>
      [...this.computers.values()].map((keys) => {
        const streamId = assetStreamId(keys.assetId);
        return [streamId, this.folded.get(streamId) ?? 0, keys] satisfies SnapshotItem;
      }),
    load: (chunks, stopped) =>
      this.replaceWith(async (keep) => {
        for await (const chunk of chunks) {
          for (const [streamId, sequence, keys] of chunk as SnapshotItem[]) keep(streamId, sequence, keys);
          if (stopped()) break;
        }
      }),
  };

  /**
   * What `fill` keeps replaces what is held, once this replica's own commands heard meanwhile are
   * folded onto it (once per stream sequence).
   */
  private async replaceWith(
    fill: (keep: (streamId: string, sequence: number, keys: ComputerMatchKeys) => void) => Promise<void>,
  ): Promise<number> {
    this.heardDuringLoad = [];
    const computers = new Map<string, ComputerMatchKeys>();
    const folded = new Map<string, number>();
    try {
      await fill((streamId, sequence, keys) => {
        computers.set(keys.assetId, keys);
        folded.set(streamId, sequence);
      });
    } catch (error) {
      this.heardDuringLoad = undefined;
      throw error;
    }
    this.computers = computers;
    this.folded = folded;
    this.postings = this.emptyPostings();
    for (const keys of computers.values()) this.post(keys);
    for (const event of this.heardDuringLoad) this.fold(event);
    this.heardDuringLoad = undefined;
    return computers.size;
  }

  async refresh(events: StreamEvent[]): Promise<void> {
    for (const event of events) this.fold(event);
    this.heardDuringLoad?.push(...events);
  }

  private fold(event: StreamEvent): void {
    if (!FOLDED.has(event.type) || !event.streamId.startsWith(STREAM_PREFIX)) return;
    if ((this.folded.get(event.streamId) ?? 0) >= event.sequence) return;
    this.folded.set(event.streamId, event.sequence);
    const { data, occurredAt } = event as EventEnvelope as EventEnvelope<
      MatchKeysEvent['type'],
      MatchKeysEvent['data']
    >;
    const assetId = event.streamId.slice(STREAM_PREFIX.length);
    const current = this.computers.get(assetId) ?? null;
    const next = matchKeysAfter(current, { type: event.type, data } as MatchKeysEvent, occurredAt);
    if (current) this.unpost(current);
    if (next) {
      this.computers.set(assetId, next);
      this.post(next);
    } else this.computers.delete(assetId);
  }

  private latest(assetIds: Iterable<string>): ComputerMatchKeys | null {
    let found: ComputerMatchKeys | null = null;
    for (const assetId of assetIds) {
      const keys = this.computers.get(assetId);
      if (keys && (!found || keys.at > found.at)) found = keys;
    }
    return found;
  }

  private post(keys: ComputerMatchKeys): void {
    for (const key of KEYS) for (const value of valuesOf(keys, key)) this.postings[key].add(value, keys.assetId);
  }

  private unpost(keys: ComputerMatchKeys): void {
    for (const key of KEYS) for (const value of valuesOf(keys, key)) this.postings[key].delete(value, keys.assetId);
  }

  private emptyPostings(): Record<Key, Postings> {
    return Object.fromEntries(KEYS.map((key) => [key, new Postings()])) as Record<Key, Postings>;
  }
}
