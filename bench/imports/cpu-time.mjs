// CPU seconds used so far (user + system, from /proc: Linux only) by the bench's two services and
// by the local stack's FerretDB, PostgreSQL (its exited backends included) and Kafka. On a shared
// machine the CPU a row costs moves far less with the load than the rows per second do; the
// stack's processes also serve whatever else runs meanwhile (other benches and tests).
import fs from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function stat(pid) {
  try {
    const line = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
    const [own, children] = [Number(fields[11]) + Number(fields[12]), Number(fields[13]) + Number(fields[14])];
    return { own: own / TICKS_PER_SECOND, withChildren: (own + children) / TICKS_PER_SECOND };
  } catch {
    return undefined; // not (or no longer) there
  }
}

function commandLine(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** `services`: name -> child process. Undefined where /proc is missing. */
export function cpuSeconds(services) {
  if (!fs.existsSync('/proc/self/stat')) return undefined;
  const used = { ferretdb: 0, postgres: 0, kafka: 0 };
  for (const [name, child] of Object.entries(services)) used[name] = stat(child.pid)?.own ?? 0;
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    const command = commandLine(pid);
    const times = command && stat(pid);
    if (!times) continue;
    if (command.includes('bin/ferretdb')) used.ferretdb += times.withChildren;
    // the postmaster counts its exited backends; a backend counts itself
    else if (/bin\/postgres -D/.test(command)) used.postgres += times.withChildren;
    else if (command.startsWith('postgres:')) used.postgres += times.own;
    else if (command.includes('kafka.Kafka')) used.kafka += times.withChildren;
  }
  return used;
}

/** Milliseconds of CPU per row, by process, between two readings. */
export function cpuMsPerRow(before, after, rows) {
  if (!before || !after) return undefined;
  const perRow = Object.fromEntries(
    Object.keys(after).map((name) => [
      name,
      Math.round(((after[name] - before[name]) * 1e6) / Math.max(1, rows)) / 1000,
    ]),
  );
  perRow.total = Math.round(Object.values(perRow).reduce((sum, ms) => sum + ms, 0) * 1000) / 1000;
  return perRow;
}
