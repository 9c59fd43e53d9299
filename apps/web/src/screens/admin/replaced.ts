/** A form's list with one item replaced, or removed (`null`): the rows of the administration's editors. */
export function replaced<T>(items: readonly T[], index: number, item: T | null): T[] {
  return item === null ? items.filter((_, at) => at !== index) : items.map((old, at) => (at === index ? item : old));
}
