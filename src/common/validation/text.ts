/**
 * PostgreSQL's text refuses NUL (SQLSTATE 22021) and validators choke on unpaired UTF-16 surrogates, so
 * both are refused at the door, in every string and every object key of a body or query.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextProblem {
  field: string;
  problem: string;
}

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it contains an unpaired surrogate)';
  return undefined;
}

/** The first string or key in a parsed body or query that cannot be stored, with its path (`days.0.reason`). */
export function findUnsafeText(value: unknown, root: string): TextProblem | undefined {
  // Iterative: the value can be nested as deep as the JSON parser allowed.
  const stack: { value: unknown; path: string }[] = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = problemOf(current);
      if (problem) return { field: path || root, problem };
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyProblem = problemOf(key);
        if (keyProblem) return { field: childPath, problem: `is not an acceptable field name: it ${keyProblem}` };
        stack.push({ value: child, path: childPath });
      }
    }
  }
  return undefined;
}
