import { createHash } from 'node:crypto';
import type { CalendarDefinition, EventEnvelope } from '@itsm/contracts';
import type { ContractEnvelope } from '@itsm/eventsourcing';
import type { AssetClass, ResolvedReferences, TicketRecord } from './ticket-record';

/** A piece of reference data, as kept and written: `calendar|<id>`, `asset|<id>` or `definition|<hash>`. */
export interface ReferenceDoc {
  _id: string;
  /** the sequence of the last event of its stream applied (calendars and assets) */
  sequence?: number;
  hash?: string;
  typeId?: string | null;
  modelId?: string | null;
  definition?: CalendarDefinition;
}

const calendarKey = (calendarId: string) => `calendar|${calendarId}`;
const assetKey = (assetId: string) => `asset|${assetId}`;

/** The content hash of a calendar's definition: a record names the definition it was counted with. */
const hashOf = (definition: CalendarDefinition) =>
  createHash('sha256').update(JSON.stringify(definition)).digest('hex').slice(0, 16);

/** The calendars and assets a record reads, as reference keys. */
export function referencesOf(record: TicketRecord): string[] {
  const calendars = record.agreements.flatMap(({ calendarId }) => (calendarId ? [calendarKey(calendarId)] : []));
  return [...calendars, ...(record.opened?.itemIds ?? []).map(assetKey)];
}

/**
 * What the statistics read outside the tickets' own streams: the business calendars (sla topic)
 * their agreements count on, and their linked assets' type and model (assets topic). A record
 * holds what it was resolved with (`resolved`), so that what it adds to the buckets stays a
 * function of the record alone; when a calendar or an asset changes, its tickets are resolved
 * again (`dependentsOf`), and the buckets move by what they add now less what they added. The
 * order the topics are read in then changes nothing: a ticket read before its asset is resolved
 * again when the asset comes.
 */
export class ReferenceData {
  private readonly calendars = new Map<string, { sequence: number; hash: string }>();
  /** every calendar definition seen, by hash: records name the one they were counted with */
  private readonly known = new Map<string, CalendarDefinition>();
  private readonly assets = new Map<string, { sequence: number } & AssetClass>();
  private readonly dependents = new Map<string, Set<string>>();
  private readonly changed = new Set<string>();

  get definitions(): ReadonlyMap<string, CalendarDefinition> {
    return this.known;
  }

  /** Whether an event is reference data (the statistics count no ticket by it). */
  static isReference(event: EventEnvelope): boolean {
    return event.type.startsWith('calendar.') || event.type === 'asset.created' || event.type === 'asset.updated';
  }

  /** The reference key an event changes, once applied; null when it changes nothing counted (or was applied). */
  apply(envelope: EventEnvelope): string | null {
    const event = envelope as ContractEnvelope;
    switch (event.type) {
      case 'calendar.created':
      case 'calendar.changed': {
        const { calendarId, name, timeZone, openingHours, holidays, publicHolidays } = event.data;
        const definition = { name, timeZone, openingHours, holidays, ...(publicHolidays && { publicHolidays }) };
        return this.setCalendar(calendarId, event.sequence, definition);
      }
      case 'asset.created':
        return this.setAsset(event.data.assetId, event.sequence, event.data.fields);
      case 'asset.updated':
        return this.setAsset(event.data.assetId, event.sequence, event.data.changes);
      default:
        return null;
    }
  }

  /** The key an event would change (its dependents must be at hand before it is applied). */
  static keyOf(event: EventEnvelope): string | null {
    const data = event.data as { calendarId?: string; assetId?: string };
    if (event.type.startsWith('calendar.') && data.calendarId) return calendarKey(data.calendarId);
    if (event.type.startsWith('asset.') && data.assetId) return assetKey(data.assetId);
    return null;
  }

  /** The tickets that read a reference. */
  dependentsOf(key: string): ReadonlySet<string> {
    return this.dependents.get(key) ?? new Set();
  }

  /** Notes which references a ticket reads (a record stored, folded or loaded). */
  track(ticketId: string, keys: readonly string[]): void {
    for (const key of keys) {
      let tickets = this.dependents.get(key);
      if (!tickets) this.dependents.set(key, (tickets = new Set()));
      tickets.add(ticketId);
    }
  }

  /** The record resolved against what is known now: the same object when nothing changed. */
  resolve(record: TicketRecord): TicketRecord {
    const resolved: ResolvedReferences = { calendars: {}, assets: {} };
    for (const { calendarId } of record.agreements) {
      const calendar = calendarId ? this.calendars.get(calendarId) : undefined;
      if (calendar) resolved.calendars[calendarId!] = calendar.hash;
    }
    for (const itemId of record.opened?.itemIds ?? []) {
      const asset = this.assets.get(itemId);
      if (asset) resolved.assets[itemId] = { typeId: asset.typeId, modelId: asset.modelId };
    }
    return sameResolution(resolved, record.resolved) ? record : { ...record, resolved };
  }

  /** The documents changed since the last flush, to be written with the next. */
  changedDocs(): ReferenceDoc[] {
    return [...this.changed].map((key) => this.docOf(key));
  }

  /** The flush wrote them. */
  flushed(): void {
    this.changed.clear();
  }

  /** Loads what a former process wrote. */
  load(docs: Iterable<ReferenceDoc>): void {
    for (const { _id, sequence = 0, hash, typeId = null, modelId = null, definition } of docs) {
      const [kind, id] = [_id.slice(0, _id.indexOf('|')), _id.slice(_id.indexOf('|') + 1)];
      if (kind === 'definition' && definition) this.known.set(id, definition);
      if (kind === 'calendar' && hash) this.calendars.set(id, { sequence, hash });
      if (kind === 'asset') this.assets.set(id, { sequence, typeId, modelId });
    }
  }

  private setCalendar(calendarId: string, sequence: number, definition: CalendarDefinition): string | null {
    const current = this.calendars.get(calendarId);
    if (current && sequence <= current.sequence) return null;
    const hash = hashOf(definition);
    if (!this.known.has(hash)) {
      this.known.set(hash, definition);
      this.changed.add(`definition|${hash}`);
    }
    this.calendars.set(calendarId, { sequence, hash });
    this.changed.add(calendarKey(calendarId));
    return current?.hash === hash ? null : calendarKey(calendarId);
  }

  private setAsset(assetId: string, sequence: number, fields: { typeId?: string | null; modelId?: string | null }) {
    const current = this.assets.get(assetId);
    if (current && sequence <= current.sequence) return null;
    if (current && !('typeId' in fields) && !('modelId' in fields)) return null;
    const next = {
      sequence,
      typeId: 'typeId' in fields ? (fields.typeId ?? null) : (current?.typeId ?? null),
      modelId: 'modelId' in fields ? (fields.modelId ?? null) : (current?.modelId ?? null),
    };
    this.assets.set(assetId, next);
    this.changed.add(assetKey(assetId));
    const same = current && current.typeId === next.typeId && current.modelId === next.modelId;
    return same ? null : assetKey(assetId);
  }

  private docOf(key: string): ReferenceDoc {
    const id = key.slice(key.indexOf('|') + 1);
    if (key.startsWith('definition|')) return { _id: key, definition: this.known.get(id)! };
    if (key.startsWith('calendar|')) return { _id: key, ...this.calendars.get(id)! };
    return { _id: key, ...this.assets.get(id)! };
  }
}

function sameResolution(a: ResolvedReferences, b: ResolvedReferences | undefined): boolean {
  if (!b) return false;
  const calendars = Object.keys(a.calendars);
  const assets = Object.keys(a.assets);
  return (
    calendars.length === Object.keys(b.calendars).length &&
    assets.length === Object.keys(b.assets).length &&
    calendars.every((id) => a.calendars[id] === b.calendars[id]) &&
    assets.every((id) => a.assets[id].typeId === b.assets[id]?.typeId && a.assets[id].modelId === b.assets[id]?.modelId)
  );
}
