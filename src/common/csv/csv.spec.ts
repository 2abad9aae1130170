import { csvField, readCsvTable, toCsv } from './csv.js';

describe('CSV', () => {
  it('leaves plain fields and numbers as they are, and empties null', () => {
    expect(csvField('Aarhus')).toBe('Aarhus');
    expect(csvField(0.8333)).toBe('0.8333');
    expect(csvField(-2)).toBe('-2');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });

  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('Metal Kolding, Vejen og Vojens')).toBe('"Metal Kolding, Vejen og Vojens"');
    expect(csvField('Kontor "Nord"')).toBe('"Kontor ""Nord"""');
    expect(csvField('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('Ærø – Søby')).toBe('Ærø – Søby');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+45 12345678')).toBe("'+45 12345678");
    expect(csvField('@sum')).toBe("'@sum");
  });

  it('writes a header and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['office', 'share'],
        [
          ['Rønne', 0.5],
          ['A, B', null],
        ],
      ),
    ).toBe('office,share\r\nRønne,0.5\r\n"A, B",\r\n');
  });

  it('writes the Danish Excel dialect: BOM, semicolons, decimal commas, quoting on semicolons', () => {
    expect(csvField(0.8333, 'excel-da')).toBe('0,8333');
    expect(csvField(-2.5, 'excel-da')).toBe('-2,5');
    expect(csvField(12, 'excel-da')).toBe('12');
    expect(csvField('Metal Kolding, Vejen og Vojens', 'excel-da')).toBe('Metal Kolding, Vejen og Vojens');
    expect(csvField('a;b', 'excel-da')).toBe('"a;b"');
    expect(csvField('2.5', 'excel-da')).toBe('2.5');
    expect(
      toCsv(
        ['office', 'share'],
        [
          ['Brønderslev', 0.5],
          ['A; B', null],
        ],
        'excel-da',
      ),
    ).toBe('\uFEFFoffice;share\r\nBrønderslev;0,5\r\n"A; B";\r\n');
  });

  it('reads back what the Danish Excel dialect writes', () => {
    const table = readCsvTable(
      toCsv(
        ['office', 'share'],
        [
          ['Brønderslev', 0.25],
          ['Ærø; Søby', 3],
        ],
        'excel-da',
      ),
      ['office', 'share'],
    );
    expect(table.problems).toEqual([]);
    expect(table.records.map((r) => [r.value('office'), r.value('share')])).toEqual([
      ['Brønderslev', '0,25'],
      ['Ærø; Søby', '3'],
    ]);
  });
});
