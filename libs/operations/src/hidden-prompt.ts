import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';

/** Asks on the terminal without echoing what is typed (a password). */
export async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new Error(`${question.trim()} cannot be asked: no terminal (give it another way)`);
  process.stderr.write(question);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  try {
    return await new Promise<string>((resolve) => reader.question('', resolve));
  } finally {
    reader.close();
    process.stderr.write('\n');
  }
}
