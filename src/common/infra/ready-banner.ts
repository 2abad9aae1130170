/** What `npm start` prints once the service answers: addresses a person can open, each of which answers. */
export function readyBanner(base: string): string {
  return [
    '',
    '  A-kasse scheduler is ready.',
    `  Web app:  ${base}/app/`,
    `  API docs: ${base}/docs`,
    `  API:      ${base}/api`,
    '  Get a token: npm run token -- central-coordinator',
    '',
  ].join('\n');
}
