import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { DomainError } from '../errors/domain-error.js';
import { IdentityRepository, type SessionRow } from './identity.repository.js';
import { hashSecret, type VerifiedIdentity } from './identity.service.js';
import { isRole, type Principal } from './principal.js';

export const CSRF_HEADER = 'x-csrf-token';
const LOGIN_COOKIE_SECONDS = 600;

/** Reads one cookie from the Cookie header (no parser middleware needed for two cookies). */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface SessionLookup {
  idHash: Buffer;
  row: SessionRow;
  principal: Principal | undefined;
  identity: VerifiedIdentity;
}

/**
 * The web app's sign-in lives here, server-side (backend for frontend): the browser holds only an opaque,
 * HttpOnly, SameSite=Lax cookie (Secure and `__Host-` prefixed over https); PostgreSQL holds the SHA-256
 * of its value, who it is, a CSRF token, and when it ends (idle and absolute). Provider tokens never reach
 * the browser and are not kept.
 */
@Injectable()
export class WebSessionService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(IdentityRepository) private readonly identities: IdentityRepository,
  ) {}

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https:');
  }

  get cookieName(): string {
    return this.secure ? '__Host-akasse_session' : 'akasse_session';
  }

  get loginCookieName(): string {
    return this.secure ? '__Host-akasse_login' : 'akasse_login';
  }

  private cookieOptions(maxAgeMs?: number) {
    return {
      httpOnly: true,
      secure: this.secure,
      sameSite: 'lax' as const,
      path: '/',
      ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}),
    };
  }

  setLoginCookie(response: Response, state: string): void {
    response.cookie(this.loginCookieName, state, this.cookieOptions(LOGIN_COOKIE_SECONDS * 1000));
  }

  clearLoginCookie(response: Response): void {
    response.clearCookie(this.loginCookieName, this.cookieOptions());
  }

  async create(response: Response, identity: VerifiedIdentity, principal: Principal | undefined): Promise<void> {
    const id = randomBytes(32).toString('base64url');
    const maxHours = this.config.oidc?.sessionMaxHours ?? 10;
    await this.identities.insertSession(hashSecret(id), {
      issuer: identity.issuer,
      subject: identity.subject,
      role: principal?.role ?? null,
      subjectId: principal?.subjectId ?? null,
      departmentId: principal?.departmentId ?? null,
      csrfToken: randomBytes(24).toString('base64url'),
      expiresAt: new Date(Date.now() + maxHours * 3_600_000),
    });
    response.cookie(this.cookieName, id, this.cookieOptions());
  }

  clear(response: Response): void {
    response.clearCookie(this.cookieName, this.cookieOptions());
  }

  hasCookie(request: Request): boolean {
    return readCookie(request, this.cookieName) !== undefined;
  }

  /** The live session named by the cookie; 401 SESSION_EXPIRED when it ended, idled out or is unknown. */
  async lookup(request: Request): Promise<SessionLookup> {
    const id = readCookie(request, this.cookieName);
    const expired = new DomainError('SESSION_EXPIRED', 'Your session has ended. Please sign in again.');
    if (!id) throw expired;
    const idHash = hashSecret(id);
    const row = await this.identities.session(idHash);
    const idleMs = (this.config.oidc?.sessionIdleMinutes ?? 30) * 60_000;
    const now = Date.now();
    if (!row || row.endedAt || row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + idleMs <= now)
      throw expired;
    await this.identities.touchSession(idHash, idleMs);
    const principal: Principal | undefined =
      row.role && isRole(row.role)
        ? {
            role: row.role,
            ...(row.subjectId ? { subjectId: row.subjectId } : {}),
            ...(row.departmentId ? { departmentId: row.departmentId } : {}),
          }
        : undefined;
    return { idHash, row, principal, identity: { issuer: row.issuer, subject: row.subject } };
  }

  /** Writes through a cookie session carry the session's CSRF token in a header a cross-site form cannot set. */
  assertCsrf(request: Request, session: SessionLookup): void {
    const sent = request.headers[CSRF_HEADER];
    const expected = Buffer.from(session.row.csrfToken);
    const given = Buffer.from(typeof sent === 'string' ? sent : '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new DomainError(
        'CSRF_TOKEN_INVALID',
        'This change did not come from the signed-in page. Reload the page and try again.',
      );
    }
  }

  async link(session: SessionLookup, principal: Principal): Promise<void> {
    await this.identities.setSessionPrincipal(
      session.idHash,
      principal.role,
      principal.subjectId ?? null,
      principal.departmentId ?? null,
    );
  }

  async end(session: SessionLookup): Promise<void> {
    await this.identities.endSession(session.idHash);
  }
}
