/**
 * Strict structural check of an iCalendar feed, stricter than calendar clients (which accept almost
 * anything). Deliberately shares no code with the renderer, so a bug in one is not mirrored in the other.
 */

export const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
export const DEFAULT_FORBIDDEN_PATTERNS: readonly RegExp[] = [EMAIL_PATTERN];

export interface IcsValidationOptions {
  /** Extra patterns no property value may contain (checked unfolded and unescaped), e.g. member names. */
  forbidden?: RegExp[];
  /** Also apply {@link DEFAULT_FORBIDDEN_PATTERNS} (default true). */
  useDefaultForbidden?: boolean;
}

const MAX_LINE_OCTETS = 75;
const MAX_REPORTS_PER_KIND = 5;
const UTC_DATE_TIME = /^\d{8}T\d{6}Z$/;
const LOCAL_DATE_TIME = /^\d{8}T\d{6}$/;
const DATE = /^\d{8}$/;
const NAME = /^[A-Za-z0-9-]+/;
const UTC_ONLY = new Set(['DTSTAMP', 'CREATED', 'LAST-MODIFIED']);
const EVENT_TIMES = new Set(['DTSTART', 'DTEND', 'RECURRENCE-ID']);
const PARENTS: Record<string, readonly string[] | null> = {
  VCALENDAR: null,
  VEVENT: ['VCALENDAR'],
  VTODO: ['VCALENDAR'],
  VJOURNAL: ['VCALENDAR'],
  VFREEBUSY: ['VCALENDAR'],
  VTIMEZONE: ['VCALENDAR'],
  STANDARD: ['VTIMEZONE'],
  DAYLIGHT: ['VTIMEZONE'],
  VALARM: ['VEVENT', 'VTODO'],
};

interface ContentLine {
  line: number;
  name: string;
  params: Map<string, string>;
  value: string;
}

interface OpenComponent {
  name: string;
  line: number;
  properties: Map<string, ContentLine[]>;
  children: number;
}

class Problems {
  readonly list: string[] = [];
  private readonly counts = new Map<string, number>();

  add(kind: string, message: string): void {
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    if (count <= MAX_REPORTS_PER_KIND) this.list.push(message);
  }

  summarise(): string[] {
    for (const [kind, count] of this.counts) {
      if (count > MAX_REPORTS_PER_KIND) this.list.push(`${count - MAX_REPORTS_PER_KIND} more ${kind} problems`);
    }
    return this.list;
  }
}

/** Returns the problems found in `text`; an empty list means the feed passed every check. */
export function validateIcs(text: string, options: IcsValidationOptions = {}): string[] {
  const problems = new Problems();
  checkLineEnds(text, problems);
  const physical = text.split(/\r\n|\r|\n/);
  if (physical.length > 0 && physical[physical.length - 1] === '') physical.pop();
  checkPhysicalLines(physical, problems);
  const logical = unfold(physical, problems);
  const forbidden = [
    ...(options.useDefaultForbidden === false ? [] : DEFAULT_FORBIDDEN_PATTERNS),
    ...(options.forbidden ?? []),
  ].map((pattern) => new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')));
  const lines: ContentLine[] = [];
  for (const { line, content } of logical) {
    const parsed = parseContentLine(content, line);
    if (!parsed) {
      problems.add('syntax', `line ${line}: malformed content line`);
      continue;
    }
    checkForbidden(parsed, content, forbidden, problems);
    lines.push(parsed);
  }
  checkStructure(lines, problems);
  return problems.summarise();
}

function checkLineEnds(text: string, problems: Problems): void {
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\n') {
      if (text[i - 1] !== '\r') problems.add('line-end', `line ${line}: bare LF, lines must end with CRLF`);
      line++;
    } else if (char === '\r' && text[i + 1] !== '\n') {
      problems.add('line-end', `line ${line}: bare CR, lines must end with CRLF`);
      line++;
    }
  }
  if (text.length === 0) problems.add('empty', 'empty document');
  else if (!text.endsWith('\r\n')) problems.add('line-end', 'document does not end with CRLF');
}

function checkPhysicalLines(physical: string[], problems: Problems): void {
  physical.forEach((content, index) => {
    const line = index + 1;
    const octets = Buffer.byteLength(content, 'utf8');
    if (octets > MAX_LINE_OCTETS) {
      problems.add('length', `line ${line}: ${octets} octets, more than ${MAX_LINE_OCTETS}`);
    }
    if (content === '') problems.add('syntax', `line ${line}: empty line`);
    for (let i = 0; i < content.length; i++) {
      const code = content.charCodeAt(i);
      const foldIndicator = i === 0 && code === 0x09 && index > 0;
      if ((code < 0x20 || (code >= 0x7f && code <= 0x9f)) && !foldIndicator) {
        problems.add('control', `line ${line}: control character U+${hex(code)}`);
      } else if (code === 0xfffd || isLoneSurrogate(content, i)) {
        problems.add('encoding', `line ${line}: broken character (split or invalid UTF-8)`);
      }
    }
  });
}

function unfold(physical: string[], problems: Problems): { line: number; content: string }[] {
  const logical: { line: number; content: string }[] = [];
  physical.forEach((content, index) => {
    if (content.startsWith(' ') || content.startsWith('\t')) {
      const previous = logical[logical.length - 1];
      if (previous) previous.content += content.slice(1);
      else problems.add('syntax', `line ${index + 1}: continuation line without a line to continue`);
    } else if (content !== '') {
      logical.push({ line: index + 1, content });
    }
  });
  return logical;
}

function parseContentLine(content: string, line: number): ContentLine | null {
  const nameMatch = NAME.exec(content);
  if (!nameMatch) return null;
  const params = new Map<string, string>();
  let i = nameMatch[0].length;
  while (content[i] === ';') {
    const paramMatch = NAME.exec(content.slice(i + 1));
    if (!paramMatch || content[i + 1 + paramMatch[0].length] !== '=') return null;
    const paramName = paramMatch[0].toUpperCase();
    i += paramMatch[0].length + 2;
    const values: string[] = [];
    for (;;) {
      if (content[i] === '"') {
        const close = content.indexOf('"', i + 1);
        if (close < 0) return null;
        values.push(content.slice(i + 1, close));
        i = close + 1;
      } else {
        let j = i;
        while (j < content.length && !';:,"'.includes(content[j])) j++;
        values.push(content.slice(i, j));
        i = j;
      }
      if (content[i] !== ',') break;
      i++;
    }
    params.set(paramName, values.join(','));
  }
  if (content[i] !== ':') return null;
  return { line, name: nameMatch[0].toUpperCase(), params, value: content.slice(i + 1) };
}

function checkForbidden(parsed: ContentLine, content: string, forbidden: RegExp[], problems: Problems): void {
  // RFC 5545 recommends "id@domain" UIDs, which look like e-mail addresses and carry no personal data.
  if (parsed.name === 'UID') return;
  const unescaped = content.replace(/\\([\\;,nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
  for (const pattern of forbidden) {
    if (pattern.test(content) || pattern.test(unescaped)) {
      problems.add('forbidden', `line ${parsed.line}: ${parsed.name} matches forbidden pattern ${pattern}`);
    }
  }
}

function checkStructure(lines: ContentLine[], problems: Problems): void {
  const stack: OpenComponent[] = [];
  const definedTzids = new Set<string>();
  const usedTzids = new Map<string, number>();
  const uids = new Map<string, number>();
  let calendars = 0;
  let closedTopLevel = false;

  const close = (component: OpenComponent): void => {
    checkComponent(component, problems, definedTzids, uids);
    const parent = stack[stack.length - 1];
    if (parent) parent.children++;
  };

  for (const line of lines) {
    if (line.name === 'BEGIN' || line.name === 'END') {
      const componentName = line.value.toUpperCase();
      if (line.name === 'BEGIN') {
        const parent = stack[stack.length - 1];
        if (!parent) {
          if (componentName !== 'VCALENDAR') {
            problems.add('nesting', `line ${line.line}: BEGIN:${componentName} outside VCALENDAR`);
          } else if (++calendars > 1) {
            problems.add('nesting', `line ${line.line}: more than one VCALENDAR`);
          }
        } else {
          const allowed = PARENTS[componentName];
          if (allowed === null || (allowed !== undefined && !allowed.includes(parent.name))) {
            problems.add('nesting', `line ${line.line}: ${componentName} cannot be nested in ${parent.name}`);
          }
        }
        stack.push({ name: componentName, line: line.line, properties: new Map(), children: 0 });
        continue;
      }
      const depth = stack.map((component) => component.name).lastIndexOf(componentName);
      if (depth < 0) {
        problems.add('nesting', `line ${line.line}: END:${componentName} without matching BEGIN`);
        continue;
      }
      while (stack.length > depth + 1) {
        const unclosed = stack.pop() as OpenComponent;
        problems.add(
          'nesting',
          `line ${line.line}: END:${componentName} closes BEGIN:${unclosed.name} of line ${unclosed.line}`,
        );
      }
      close(stack.pop() as OpenComponent);
      if (stack.length === 0) closedTopLevel = true;
      continue;
    }

    const component = stack[stack.length - 1];
    if (!component) {
      const where = closedTopLevel ? 'after END:VCALENDAR' : 'outside any component';
      problems.add('nesting', `line ${line.line}: ${line.name} ${where}`);
      continue;
    }
    const seen = component.properties.get(line.name);
    if (seen) seen.push(line);
    else component.properties.set(line.name, [line]);
    checkProperty(line, component, problems);
    const tzid = line.params.get('TZID');
    if (tzid !== undefined && !usedTzids.has(tzid)) usedTzids.set(tzid, line.line);
  }

  for (const unclosed of stack.reverse()) {
    problems.add('nesting', `line ${unclosed.line}: BEGIN:${unclosed.name} is never closed`);
  }
  if (calendars === 0) problems.add('nesting', 'no VCALENDAR');
  for (const [tzid, line] of usedTzids) {
    if (!definedTzids.has(tzid)) problems.add('tzid', `line ${line}: TZID=${tzid} has no VTIMEZONE`);
  }
}

function checkProperty(line: ContentLine, component: OpenComponent, problems: Problems): void {
  const where = `line ${line.line}: ${line.name}`;
  if (line.name === 'METHOD' && component.name === 'VCALENDAR' && line.value.toUpperCase() !== 'PUBLISH') {
    problems.add('method', `${where}:${line.value} (a subscription feed has no METHOD other than PUBLISH)`);
  }
  if (UTC_ONLY.has(line.name) && !UTC_DATE_TIME.test(line.value)) {
    problems.add('utc', `${where} must be a UTC date-time (…Z), got ${line.value}`);
  }
  if (component.name === 'VEVENT' && EVENT_TIMES.has(line.name)) {
    const valueType = line.params.get('VALUE')?.toUpperCase();
    if (valueType === 'DATE') {
      if (!DATE.test(line.value)) problems.add('time', `${where};VALUE=DATE is not a date: ${line.value}`);
    } else if (line.params.has('TZID')) {
      if (!LOCAL_DATE_TIME.test(line.value)) {
        problems.add('time', `${where} with TZID must be a local date-time, got ${line.value}`);
      }
    } else if (!UTC_DATE_TIME.test(line.value)) {
      problems.add('time', `${where} is floating or malformed (needs TZID, UTC …Z or VALUE=DATE): ${line.value}`);
    }
  }
}

function checkComponent(
  component: OpenComponent,
  problems: Problems,
  definedTzids: Set<string>,
  uids: Map<string, number>,
): void {
  const at = `${component.name} of line ${component.line}`;
  const count = (name: string): number => component.properties.get(name)?.length ?? 0;
  const requireOnce = (name: string): void => {
    const n = count(name);
    if (n === 0) problems.add('required', `${at}: missing ${name}`);
    else if (n > 1) problems.add('required', `${at}: ${name} occurs ${n} times`);
  };

  switch (component.name) {
    case 'VCALENDAR': {
      requireOnce('VERSION');
      requireOnce('PRODID');
      const version = component.properties.get('VERSION')?.[0];
      if (version && version.value !== '2.0') problems.add('required', `${at}: VERSION must be 2.0`);
      if (component.children === 0) problems.add('required', `${at}: no components`);
      break;
    }
    case 'VEVENT': {
      requireOnce('UID');
      requireOnce('DTSTAMP');
      requireOnce('DTSTART');
      const ends = count('DTEND');
      const durations = count('DURATION');
      if (ends + durations === 0) problems.add('required', `${at}: missing DTEND or DURATION`);
      else if (ends + durations > 1) problems.add('required', `${at}: more than one DTEND/DURATION`);
      const uid = component.properties.get('UID')?.[0]?.value;
      if (uid !== undefined) {
        // Overrides of one recurring event share its UID and differ in RECURRENCE-ID.
        const key = `${uid}\u0000${component.properties.get('RECURRENCE-ID')?.[0]?.value ?? ''}`;
        const first = uids.get(key);
        if (first !== undefined) problems.add('uid', `${at}: UID ${uid} already used by the VEVENT of line ${first}`);
        else uids.set(key, component.line);
      }
      break;
    }
    case 'VTIMEZONE': {
      requireOnce('TZID');
      const tzid = component.properties.get('TZID')?.[0]?.value;
      if (tzid !== undefined) {
        if (definedTzids.has(tzid)) problems.add('tzid', `${at}: second VTIMEZONE for ${tzid}`);
        definedTzids.add(tzid);
      }
      if (component.children === 0) problems.add('required', `${at}: no STANDARD or DAYLIGHT`);
      break;
    }
  }
}

function isLoneSurrogate(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const previous = text.charCodeAt(i - 1);
    return !(previous >= 0xd800 && previous <= 0xdbff);
  }
  return false;
}

function hex(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}
