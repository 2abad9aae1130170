import { parseHistoryCsv } from './parse-history-csv.js';

const offices = new Set(['aarhus', 'odense']);

describe('parseHistoryCsv', () => {
  it('reads rows in any column order, with a BOM, CRLF and semicolons', () => {
    const text =
      '\uFEFFweek_start;office_code;target_group;new_members\r\n2026-11-16;aarhus;plus50;3\r\n2026-11-16;odense;low-risk;0\r\n';
    const parsed = parseHistoryCsv(text, offices);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { officeCode: 'aarhus', weekStart: '2026-11-16', targetGroup: 'plus50', newMembers: 3 },
      { officeCode: 'odense', weekStart: '2026-11-16', targetGroup: 'low-risk', newMembers: 0 },
    ]);
  });

  it('reports the line and column of every problem', () => {
    const text = [
      'office_code,week_start,target_group,new_members',
      'aarhus,2026-11-17,plus50,3',
      'nowhere,2026-02-30,martians,-1',
      'odense,2026-11-16,it',
      'aarhus,2026-11-09,it,2',
      'aarhus,2026-11-09,it,4',
    ].join('\n');
    const { problems, rows } = parseHistoryCsv(text, offices);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, column: 2, field: 'week_start' }),
      expect.objectContaining({ line: 3, column: 1, field: 'office_code' }),
      expect.objectContaining({ line: 3, column: 2, field: 'week_start' }),
      expect.objectContaining({ line: 3, column: 3, field: 'target_group' }),
      expect.objectContaining({ line: 3, column: 4, field: 'new_members' }),
      expect.objectContaining({ line: 4, column: 0 }),
      expect.objectContaining({ line: 6, column: 0, message: expect.stringContaining('line 5') }),
    ]);
    expect(rows).toHaveLength(1);
  });

  it('keeps weeks in the years 2000–2100, as every date of the API', () => {
    const text = [
      'office_code,week_start,target_group,new_members',
      'aarhus,1999-12-27,plus50,3',
      'aarhus,2101-01-03,plus50,3',
      'aarhus,2099-12-28,plus50,3',
    ].join('\n');
    const { problems, rows } = parseHistoryCsv(text, offices);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, field: 'week_start' }),
      expect.objectContaining({ line: 3, field: 'week_start' }),
    ]);
    expect(rows).toHaveLength(1);
  });

  it('refuses a missing header column and an empty file', () => {
    expect(parseHistoryCsv('office_code,week_start,new_members\n', offices).problems[0]).toMatchObject({
      line: 1,
      field: 'target_group',
    });
    expect(parseHistoryCsv('', offices).problems[0]).toMatchObject({ line: 1, column: 0 });
  });
});
