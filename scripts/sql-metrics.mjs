// Counts untyped SQL in src/ (migrations and specs excluded): string and template literals that read as SQL
// (an uppercase SELECT/INSERT INTO/UPDATE…SET/DELETE FROM/WITH…AS, or a FROM/JOIN/WHERE fragment), their lines,
// their `AS "camelCase"` aliases and their `$n` placeholders. Kysely's `sql` tagged templates are counted apart.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv.slice(2).find((arg) => !arg.startsWith('--')) ?? 'src');
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'migrations') walk(full);
    } else if (name.endsWith('.ts') && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') && name !== 'db.types.ts')
      files.push(full);
  }
})(root);

const SQL = /\b(SELECT|INSERT INTO|DELETE FROM|UPDATE\s+\w+\s+SET|FROM\s+\w+|JOIN\s+\w+|WHERE\s+)/;
const totals = {
  plain: { literals: 0, lines: 0, aliases: 0, placeholders: 0 },
  sqlTag: { literals: 0, lines: 0, aliases: 0, placeholders: 0 },
};
const perFile = new Map();
for (const file of files) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    let text;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node))
      text = node.getText(source);
    if (text && SQL.test(text)) {
      const tagged = ts.isTaggedTemplateExpression(node.parent) && node.parent.tag.getText(source) === 'sql';
      const bucket = tagged ? totals.sqlTag : totals.plain;
      const lines = text.split('\n').length;
      bucket.literals++;
      bucket.lines += lines;
      bucket.aliases += (text.match(/AS "[a-z]+[A-Z][A-Za-z0-9]*"/g) ?? []).length;
      bucket.placeholders += (text.match(/\$\d+/g) ?? []).length;
      if (!tagged)
        perFile.set(path.relative(process.cwd(), file), (perFile.get(path.relative(process.cwd(), file)) ?? 0) + lines);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
console.log(JSON.stringify(totals, null, 2));
if (process.argv.includes('--files'))
  for (const [file, lines] of [...perFile].sort((a, b) => b[1] - a[1])) console.log(String(lines).padStart(5), file);
