import { RecordCounter } from './record-count';

const count = (chunks: Array<string | Buffer>) => {
  const counter = new RecordCounter();
  for (const chunk of chunks) counter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return counter.records;
};

describe('the records of a file, counted as it streams in', () => {
  it('given a header, CRLF lines, blank lines and no last newline, when counted, then one a record', () => {
    expect(count(['Nom;Lieu\r\nPC-1;Siège\r\n\r\n\r\nPC-2;\r\nPC-3;x'])).toBe(4);
  });

  it('given quoted cells holding newlines and doubled quotes, when counted, then they stay in their record', () => {
    expect(count(['Nom;Commentaires\n"PC-1";"Écran ""16:9""\nbureau 2"\nPC-2;"a\n\nb"\n'])).toBe(3);
  });

  it('given any chunking, a BOM and Windows-1252 bytes, when counted, then the same count', () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Numéro;Lieu\r\n"A\r\n1";Siège\r\n\r\nB;x\r\n', 'latin1'),
    ]);
    const byteByByte = [...file].map((byte) => Buffer.from([byte]));
    expect(count([file])).toBe(3);
    expect(count(byteByByte)).toBe(3);
  });

  it('given an empty file, a BOM alone or blank lines only, when counted, then none', () => {
    expect(count([])).toBe(0);
    expect(count([Buffer.from([0xef, 0xbb, 0xbf])])).toBe(0);
    expect(count(['\r\n\n\r\n'])).toBe(0);
  });
});
