import { MongoClient } from 'mongodb';
const c = await MongoClient.connect('mongodb://127.0.0.1:27027/', { serverSelectionTimeoutMS: 600000, socketTimeoutMS: 0 });
const dbs = (await c.db().admin().listDatabases({ nameOnly: true })).databases.map((d) => d.name).filter((n) => n.startsWith('bench_assets-software'));
for (const name of dbs) { await c.db(name).dropDatabase(); console.log('dropped', name); }
await c.close();
