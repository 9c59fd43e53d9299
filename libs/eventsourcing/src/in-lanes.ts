/**
 * Works through the items in a few lanes at once, each lane one item after the other: reads and
 * writes of different streams overlap without flooding the connection pool.
 */
export async function inLanes<Item>(items: Item[], work: (item: Item) => Promise<void>, lanes = 8): Promise<void> {
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async (_, lane) => {
      for (let i = lane; i < items.length; i += lanes) await work(items[i]);
    }),
  );
}
