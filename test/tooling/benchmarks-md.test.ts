import { withSection, withSubsections } from '../../bench/benchmarks-md.js';

const DOCUMENT = [
  '# Benchmarks',
  '',
  '## Capacity',
  '',
  '### Capacity plan: GET /api/capacity/plan',
  '',
  'old plan table',
  '',
  '### Capacity plan: the cold plan at nationwide scale (issue #15)',
  '',
  'hand-written comparison',
  '',
  '## Optimiser',
  '',
  '### Group-session optimiser',
  '',
  'old optimiser table',
  '',
  '### Withdrawing unbooked slots',
  '',
  'hand-written withdrawal rounds',
  '',
].join('\n');

describe('BENCHMARKS.md writer', () => {
  it("replaces only the benchmark's own subsection and keeps the hand-written ones after it", () => {
    const out = withSubsections(DOCUMENT, '## Optimiser', '### Group-session optimiser\n\nnew optimiser table\n');
    expect(out).toContain('new optimiser table');
    expect(out).not.toContain('old optimiser table');
    expect(out).toContain('### Withdrawing unbooked slots\n\nhand-written withdrawal rounds');
    expect(out).toContain('hand-written comparison');
    expect(out.startsWith(DOCUMENT.slice(0, DOCUMENT.indexOf('## Optimiser')))).toBe(true);
  });

  it('writes several parts, appends a new title at the end of its section, and adds a missing section', () => {
    const body = [
      '### Capacity plan: GET /api/capacity/plan',
      '',
      'new plan table',
      '',
      '### Capacity allocation',
      '',
      'allocation table',
    ].join('\n');
    const out = withSubsections(DOCUMENT, '## Capacity', body);
    expect(out).toContain('new plan table\n\n### Capacity plan: the cold plan at nationwide scale (issue #15)');
    expect(out).toContain('hand-written comparison\n\n### Capacity allocation\n\nallocation table\n\n## Optimiser');
    const added = withSubsections(out, '## Messages', '### Scan\n\nscan table');
    expect(added.endsWith('## Messages\n\n### Scan\n\nscan table\n')).toBe(true);
    expect(withSubsections(added, '## Messages', '### Scan\n\nscan table')).toBe(added);
  });

  it('refuses a body that does not start with a subsection heading', () => {
    expect(() => withSubsections(DOCUMENT, '## Optimiser', 'Run with npm run bench')).toThrow('"### "');
  });

  it('replaces a whole section up to the next one', () => {
    const out = withSection(DOCUMENT, '## Capacity', 'everything new');
    expect(out).toBe(
      `# Benchmarks\n\n## Capacity\n\neverything new\n\n${DOCUMENT.slice(DOCUMENT.indexOf('## Optimiser'))}`,
    );
  });
});
