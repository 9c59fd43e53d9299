// Preloaded into a bench's service (`node --import`) with BENCH_DB_COMMANDS_FILE set and
// `monitorCommands=true` in MONGO_URL: counts the MongoDB commands the driver starts, by command
// and collection, and the documents each insert, update and delete names; written to that file
// twice a second, and the bytes of the commands, so that the bench reads the counts before and after a phase.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const file = process.env.BENCH_DB_COMMANDS_FILE;
// the service's own copy of the driver (the one mongoose loads), found from its entry point
const { MongoClient, BSON } = createRequire(process.argv[1])('mongodb');
const counts = {};
const DOCUMENT_LISTS = { insert: 'documents', update: 'updates', delete: 'deletes' };

function count({ commandName, command }) {
  const collection = typeof command[commandName] === 'string' ? command[commandName] : '';
  const key = `${commandName} ${collection}`.trim();
  const entry = (counts[key] ??= { commands: 0, documents: 0, bytes: 0 });
  entry.commands++;
  // the size of what the service sends: the database parses and stores about as much
  entry.bytes += BSON.calculateObjectSize(command);
  const list = command[DOCUMENT_LISTS[commandName]];
  if (Array.isArray(list)) entry.documents += list.length;
}

const connect = MongoClient.prototype.connect;
MongoClient.prototype.connect = function (...args) {
  if (!this.benchCounted) {
    this.benchCounted = true;
    this.on('commandStarted', count);
  }
  return connect.apply(this, args);
};
const write = () => fs.writeFileSync(file, JSON.stringify(counts));
setInterval(write, 500).unref();
process.on('exit', write);
