import path from 'node:path';
import { JwtService } from '@nestjs/jwt';
import { loadConfigFromEnvironment } from '../config/app-config.js';
import { localJwtSecret } from '../infra/jwt-secret.js';
import { isRole, ACCESS_ROLES } from './principal.js';

const USAGE = `Usage: npm run token -- <role> [--subject ID] [--department ID] [--hours N]
  role: ${ACCESS_ROLES.join(' | ')}
Prints a bearer token signed with JWT_SECRET (or the local development secret in .data/).
Development and tests only: refused when NODE_ENV=production.`;

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

function main(): void {
  const args = process.argv.slice(2);
  const role = args[0];
  if (!isRole(role)) {
    console.error(role ? `Unknown role "${role}".\n${USAGE}` : USAGE);
    process.exit(64);
  }
  const config = loadConfigFromEnvironment();
  if (!config.localTokens) {
    console.error(
      'Local tokens are for development and tests only: NODE_ENV=production accepts only tokens from the OpenID Provider.',
    );
    process.exit(64);
  }
  const secret = config.jwtSecret ?? localJwtSecret(path.dirname(path.resolve(config.embeddedPostgresDir)));
  const hours = Number(option(args, '--hours') ?? 8);
  const subject = option(args, '--subject');
  const department = option(args, '--department');
  const claims: Record<string, string> = { role };
  if (subject) claims.sub = subject;
  if (department) claims.dep = department;
  const token = new JwtService({ secret }).sign(claims, { algorithm: 'HS256', expiresIn: Math.round(hours * 3600) });
  console.log(token);
}

main();
