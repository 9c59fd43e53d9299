import { Readable } from 'node:stream';
import { isDomainError } from '@itsm/domain';
import { fileLines } from './file-lines';

// The worker's streamed parser (the sample's is csv-sample.ts) on hard files, fed in small chunks
// as GridFS hands them: a chunk may end inside a character, a quote or a CRLF.
const chunked = (bytes: Buffer, size = 7) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, at) => bytes.subarray(at * size, (at + 1) * size)),
  );

async function records(bytes: Buffer, options = { delimiter: ';', encoding: 'auto' as const }) {
  const read = [];
  for await (const line of fileLines(chunked(bytes), options)) read.push(line);
  return read;
}

describe('the file read as records, streamed', () => {
  it('given a UTF-8 file with a BOM, CRLF, quoted newlines, doubled quotes and blank lines, when read, then one record a line', async () => {
    const file = Buffer.from(
      '\ufeffNom;Commentaires\r\nPC-1;"Écran ""16:9""\r\nbureau 2"\r\n\r\n\r\nPC-2;\r\nPC-3\r\nPC-4;a;trop\r\n',
    );
    expect(await records(file)).toEqual([
      { line: 1, cells: ['Nom', 'Commentaires'] },
      { line: 2, cells: ['PC-1', 'Écran "16:9"\r\nbureau 2'] },
      { line: 3, cells: ['PC-2', ''] },
      { line: 4, cells: ['PC-3'] }, // a missing column: the line is short (cellsByColumn gives it '')
      { line: 5, cells: ['PC-4', 'a', 'trop'] }, // an extra column is kept, the model reads its own
    ]);
  });

  it('given an ISO-8859-1 file delimited by commas, when read with auto detection, then its accents are right', async () => {
    const file = Buffer.from('Numéro de série,Lieu\nAB-1,"Siège, étage 2"\n', 'latin1');
    expect(await records(file, { delimiter: ',', encoding: 'auto' })).toEqual([
      { line: 1, cells: ['Numéro de série', 'Lieu'] },
      { line: 2, cells: ['AB-1', 'Siège, étage 2'] },
    ]);
  });

  it('given very long values and formula cells, when read, then they come as written (the line decides)', async () => {
    const long = 'x'.repeat(100_000);
    const file = Buffer.from(`Nom;Commentaires\n=CMD|' /C calc'!A0;${long}\n`);
    expect(await records(file)).toEqual([
      { line: 1, cells: ['Nom', 'Commentaires'] },
      { line: 2, cells: ["=CMD|' /C calc'!A0", long] },
    ]);
  });

  it('given a quote never closed, when read, then the records before it, and an invalid DomainError naming the line', async () => {
    const file = Buffer.from('Nom;Commentaires\n\nPC-1;ok\nPC-2;"jamais fermé\nPC-3;ok\n');
    const read: unknown[] = [];
    const error = await (async () => {
      for await (const line of fileLines(chunked(file), { delimiter: ';', encoding: 'auto' })) read.push(line);
    })().catch((thrown: unknown) => thrown);
    // the records before the break come first, whatever the chunking
    expect(read).toEqual([
      { line: 1, cells: ['Nom', 'Commentaires'] },
      { line: 2, cells: ['PC-1', 'ok'] },
    ]);
    expect(isDomainError(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'invalid',
      message: 'the file cannot be read as CSV: line 3 opens a quote that is never closed',
    });
  });

  it('given a UTF-8 model and a file that is not, when read, then an invalid DomainError says where', async () => {
    const file = Buffer.from('Nom\nSiège\n', 'latin1');
    await expect(records(file, { delimiter: ';', encoding: 'utf-8' as never })).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('given a large file, when the reader stops after its first record, then the reading ends (a cancelled run frees its worker)', async () => {
    const file = Buffer.from(['Nom', ...Array.from({ length: 100_000 }, (_, at) => `PC-${at}`)].join('\n'));
    let closed = false;
    const source = Readable.from([file.subarray(0, 1 << 20), file.subarray(1 << 20)]).on(
      'close',
      () => (closed = true),
    );
    const lines = fileLines(source, { delimiter: ';', encoding: 'auto' });
    expect((await lines.next()).value).toEqual({ line: 1, cells: ['Nom'] });
    await lines.return(undefined);
    expect(closed).toBe(true);
  });
});
