import { readFile, writeFile } from 'node:fs/promises';

/**
 * Writing a benchmark's tables into BENCHMARKS.md. A benchmark owns the `### ` subsections it writes and nothing
 * else: hand-written subsections of the same `## ` section (a comparison run once, a profile) stay where they are.
 */

const NEW_DOCUMENT =
  '# Benchmarks\n\nEach table is written by its benchmark; ratios compare against a baseline measured in the same run.\n';

/** Where the next heading of at most `level` hashes starts after `from`, or the document's end. */
function nextHeading(document: string, from: number, level: 2 | 3): number {
  const pattern = level === 2 ? /^## /m : /^###? /m;
  const rest = document.slice(from);
  const at = rest.search(pattern);
  return at < 0 ? document.length : from + at;
}

/** The section `## heading` as [start, end), the end being the next `## ` heading; null when there is none. */
function sectionBounds(document: string, heading: string): [number, number] | null {
  const start = document.search(new RegExp(`^${escapeRegExp(heading)}[ \\t]*$`, 'm'));
  if (start < 0) return null;
  return [start, nextHeading(document, start + heading.length, 2)];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Splits a body into its `### ` parts; text before the first one is refused (it would belong to no subsection). */
function subsections(body: string): string[] {
  const trimmed = body.trim();
  if (!trimmed.startsWith('### ')) throw new Error('A benchmark body must start with a "### " heading');
  return trimmed.split(/^(?=### )/m).map((part) => part.trim());
}

/** The document with the whole `## heading` section replaced by `body` (appended when missing). */
export function withSection(document: string, heading: string, body: string): string {
  const section = `${heading}\n\n${body.trim()}\n`;
  const bounds = sectionBounds(document, heading);
  if (!bounds) return `${document.trimEnd()}\n\n${section}`;
  const [start, end] = bounds;
  return `${document.slice(0, start)}${section}${end < document.length ? `\n${document.slice(end)}` : ''}`;
}

/**
 * The document with each `### ` part of `body` written into the `## heading` section: a part replaces the subsection
 * of the same title (up to the next `##` or `###` heading), a new title goes at the end of the section, and a missing
 * section is added at the end of the document. Every other subsection is kept as it was.
 */
export function withSubsections(document: string, heading: string, body: string): string {
  let result = sectionBounds(document, heading) ? document : `${document.trimEnd()}\n\n${heading}\n`;
  for (const part of subsections(body)) {
    const [sectionStart, sectionEnd] = sectionBounds(result, heading)!;
    const title = part.slice(0, part.indexOf('\n') < 0 ? part.length : part.indexOf('\n'));
    const section = result.slice(sectionStart, sectionEnd);
    const found = section.search(new RegExp(`^${escapeRegExp(title)}[ \\t]*$`, 'm'));
    if (found < 0) {
      const before = result.slice(0, sectionEnd).trimEnd();
      const after = result.slice(sectionEnd);
      result = `${before}\n\n${part}\n${after ? `\n${after}` : ''}`;
      continue;
    }
    const start = sectionStart + found;
    const end = nextHeading(result, start + title.length, 3);
    const after = result.slice(end);
    result = `${result.slice(0, start)}${part}\n${after ? `\n${after}` : ''}`;
  }
  return result;
}

export async function readBenchmarks(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return NEW_DOCUMENT;
    throw error;
  });
}

/** Writes the body's `### ` parts into the `## heading` section of the file (see withSubsections). */
export async function writeSubsections(file: string, heading: string, body: string): Promise<void> {
  await writeFile(file, withSubsections(await readBenchmarks(file), heading, body));
}

/** Replaces the whole `## heading` section of the file (see withSection). */
export async function writeSection(file: string, heading: string, body: string): Promise<void> {
  await writeFile(file, withSection(await readBenchmarks(file), heading, body));
}
