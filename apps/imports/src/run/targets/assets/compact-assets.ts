import type { ExistingItem } from '../../domain/line-outcome';
import type { FieldValue } from '../../domain/line-values';

/**
 * A run's copy of the assets its lines may match, kept small: one string per asset (its id and
 * its values in `fields`' order), read back only to build an index of link fields and for a line
 * that matches it. A run keeps its copy while it runs: 100,000 computers took 160 MB as objects.
 */
export class CompactAssets {
  private readonly rows: string[] = [];
  private readonly indexes = new Map<string, Map<string, number>>();

  constructor(private readonly fields: readonly string[]) {}

  add({ id, values }: ExistingItem): void {
    this.rows.push(JSON.stringify([id, ...this.fields.map((field) => values[field] ?? null)]));
    this.indexes.clear();
  }

  /** The asset whose link fields hold the values given (the last one added, when several do). */
  match(linkFields: readonly string[], valueOf: (field: string) => unknown): ExistingItem | null {
    const at = this.indexOf(linkFields).get(linkKey(linkFields, valueOf));
    return at === undefined ? null : this.item(at);
  }

  private indexOf(linkFields: readonly string[]): Map<string, number> {
    const name = linkFields.join('|');
    let index = this.indexes.get(name);
    if (!index) {
      index = new Map();
      for (let at = 0; at < this.rows.length; at++) {
        const { values } = this.item(at);
        index.set(
          linkKey(linkFields, (field) => values[field]),
          at,
        );
      }
      this.indexes.set(name, index);
    }
    return index;
  }

  private item(at: number): ExistingItem {
    const [id, ...values] = JSON.parse(this.rows[at]) as [string, ...(FieldValue | null)[]];
    return { id, values: Object.fromEntries(this.fields.map((field, i) => [field, values[i]])) };
  }
}

const linkKey = (linkFields: readonly string[], valueOf: (field: string) => unknown) =>
  linkFields.map((field) => String(valueOf(field) ?? '')).join('\u0000');
