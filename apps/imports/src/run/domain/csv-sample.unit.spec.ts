import { guessDelimiter, readSample } from './csv-sample';

describe('a sample of the file, to propose a model', () => {
  it('guesses the delimiter from the header, ignoring quoted text', () => {
    expect(guessDelimiter('Nom;Fabricant;"Modèle, série"')).toBe(';');
    expect(guessDelimiter('name,serial,model')).toBe(',');
    expect(guessDelimiter('name\tserial')).toBe('\t');
    expect(guessDelimiter('name')).toBe(';');
  });

  it('reads the header and the first lines: BOM, quotes with newlines and doubled quotes, CRLF, blank lines', () => {
    const text = '\ufeffNom;Commentaires\r\nPC-1;"Écran ""16:9""\r\nbureau 2"\r\n\r\nPC-2;\r\n';
    expect(readSample(text, false)).toEqual({
      delimiter: ';',
      header: ['Nom', 'Commentaires'],
      lines: [
        ['PC-1', 'Écran "16:9"\r\nbureau 2'],
        ['PC-2', ''],
      ],
    });
  });

  it('stops after 20 lines and drops a last line cut short', () => {
    const text = ['Nom', ...Array.from({ length: 30 }, (_, i) => `PC-${i}`)].join('\n') + '\nPC-LAST-CUT';
    const sample = readSample(text, true);
    expect(sample.lines).toHaveLength(20);
    expect(sample.lines.at(-1)).toEqual(['PC-19']);
  });

  it('refuses an empty file or one that is not CSV', () => {
    expect(() => readSample('', false)).toThrow('the file has no header line');
    expect(() => readSample('Nom;"ouvert\n', false)).toThrow(/cannot be read as CSV/);
  });
});
