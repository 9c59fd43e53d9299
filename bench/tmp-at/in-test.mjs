import { MongoClient } from 'mongodb';
const client = await MongoClient.connect('mongodb://127.0.0.1:27027/');
const db = client.db('at_in_test');
const c = db.collection('results');
const N = Number(process.argv[2] ?? 20000);
if ((await c.estimatedDocumentCount()) < N) {
  await c.deleteMany({});
  for (let i = 0; i < N; i += 1000) await c.insertMany(Array.from({ length: 1000 }, (_, j) => ({ _id: `cmd-${String(i + j).padStart(8, '0')}`, result: { type: 'command.accepted', data: { streamId: 'x'.repeat(36), version: 1, answer: { assetId: 'y'.repeat(36) } } }, recordedAt: new Date() })));
}
const ids = Array.from({ length: 500 }, (_, i) => `cmd-${String(i * 13).padStart(8, '0')}`);
for (let round = 0; round < 2; round++) {
  let t = performance.now();
  const found = await c.find({ _id: { $in: ids } }).toArray();
  console.log('$in 500', found.length, Math.round(performance.now() - t), 'ms');
  t = performance.now();
  await Promise.all(ids.map((_id) => c.findOne({ _id })));
  console.log('500 findOne parallel', Math.round(performance.now() - t), 'ms');
  t = performance.now();
  const f2 = await c.find({ $or: ids.map((_id) => ({ _id })) }).toArray();
  console.log('$or 500', f2.length, Math.round(performance.now() - t), 'ms');
}
await client.close();
