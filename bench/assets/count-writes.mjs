// Preloaded into a benched service (`node --import`, BENCH_ASSETS_COUNT_WRITES=<file>): counts,
// with the driver's command monitoring, the documents and BSON bytes the service sends to the
// database per collection (inserted, updated, deleted) and the reads, and writes the running
// totals to <file> every half second, so that the bench can take what one phase wrote.
import fs from 'node:fs';
import { createRequire } from 'node:module';

// the driver the service itself loads (another build has its own node_modules)
const { BSON, MongoClient } = createRequire(process.argv[1])('mongodb');

const file = process.env.BENCH_ASSETS_COUNT_WRITES;
const totals = {};
const tally = (collection) =>
  (totals[collection] ??= { commands: 0, inserted: 0, updated: 0, deleted: 0, reads: 0, bytes: 0 });
const bytesOf = (docs) => docs.reduce((sum, doc) => sum + BSON.calculateObjectSize(doc), 0);

function count({ commandName, command }) {
  const collection = command[commandName];
  if (typeof collection !== 'string') return;
  const one = tally(collection);
  one.commands += 1;
  if (commandName === 'insert') {
    one.inserted += command.documents.length;
    one.bytes += bytesOf(command.documents);
  } else if (commandName === 'update') {
    one.updated += command.updates.length;
    one.bytes += bytesOf(command.updates);
  } else if (commandName === 'delete') one.deleted += command.deletes.length;
  else if (['find', 'aggregate', 'count', 'getMore'].includes(commandName)) one.reads += 1;
}

const connect = MongoClient.prototype.connect;
MongoClient.prototype.connect = function connectCounted(...args) {
  if (!this.countingWrites) {
    this.countingWrites = true;
    this.on('commandStarted', count);
  }
  return connect.apply(this, args);
};

// written aside then renamed: the bench never reads a file half written
const save = () => {
  fs.writeFileSync(`${file}.next`, JSON.stringify(totals));
  fs.renameSync(`${file}.next`, file);
};
if (file) setInterval(save, 500).unref();
