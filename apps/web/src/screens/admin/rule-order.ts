export type Move = 'up' | 'down';

/**
 * The current positions in their new order once the rule at `index` moves one place (GLPI's
 * "Monter"/"Descendre"), as assets' `PUT /api/inventory-rules/order` takes them; null when it
 * cannot move that way (the first up, the last down).
 */
export function movedOrder(length: number, index: number, move: Move): number[] | null {
  const target = move === 'up' ? index - 1 : index + 1;
  if (index < 0 || index >= length || target < 0 || target >= length) return null;
  const order = Array.from({ length }, (_, position) => position);
  [order[index], order[target]] = [order[target], order[index]];
  return order;
}
