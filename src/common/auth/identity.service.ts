import { createHash, randomInt } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import { IdentityRepository, type StaffRecord } from './identity.repository.js';
import { isRole, type Principal } from './principal.js';

/** What the OpenID Provider says about a person or client, after the token's signature and claims were checked. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
  memberNumber?: string;
  /** Client-credentials tokens: the OAuth client, with `subject` equal to it. */
  clientId?: string;
  /** The token's `scope` claim, split; absent when the token has none. */
  scopes?: string[];
}

export const LINK_CODE_TTL_DAYS = 14;
// Crockford's base32 without I, L, O, U: nothing a member can misread when typing the code from a letter.
const LINK_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LINK_CODE_LENGTH = 12;

export function hashSecret(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Upper case, without spaces and dashes, so "abcd-efgh-jkmn" and "ABCDEFGHJKMN" are the same code. */
export function normaliseLinkCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export const identityNotLinked = () =>
  new DomainError(
    'IDENTITY_NOT_LINKED',
    'Your account is not linked to a member or a staff member yet. Ask your a-kasse for a link code.',
  );

/**
 * Decides who an identity is: the service's own tables, never a role claim. Staff are found by a
 * previous link or by a verified e-mail address; members by a previous link or by the member-number claim
 * (first sign-in); anyone else needs a one-time link code from staff.
 */
@Injectable()
export class IdentityService {
  constructor(@Inject(IdentityRepository) private readonly identities: IdentityRepository) {}

  async resolve(identity: VerifiedIdentity): Promise<Principal | undefined> {
    const { issuer, subject } = identity;
    if (identity.clientId) {
      const account = await this.identities.serviceAccount(issuer, identity.clientId);
      if (account) {
        // The provider may grant a token fewer scopes than the account has, never more.
        const scopes = identity.scopes
          ? account.scopes.filter((scope) => identity.scopes!.includes(scope))
          : account.scopes;
        return { role: 'service', subjectId: account.id, scopes };
      }
      return undefined;
    }
    const linkedStaff = await this.identities.staffByIdentity(issuer, subject);
    if (linkedStaff) return staffPrincipal(linkedStaff);
    const linkedMember = await this.identities.memberByIdentity(issuer, subject);
    if (linkedMember) return { role: 'member', subjectId: linkedMember.memberId };
    if (identity.memberNumber) {
      const member = await this.identities.memberByNumber(identity.memberNumber);
      if (member) {
        await this.identities.linkMember(issuer, subject, member.memberId, 'member-number');
        return { role: 'member', subjectId: member.memberId };
      }
    }
    if (identity.email && identity.emailVerified === true) {
      const staff = await this.identities.staffByEmail(identity.email);
      if (staff) {
        await this.identities.linkStaff(issuer, subject, staff.staffId, 'verified-email');
        return staffPrincipal(staff);
      }
    }
    return undefined;
  }

  /** A one-time code staff hand a member (letter, phone) so the member's first sign-in can be linked. */
  async issueLinkCode(memberId: string, issuer: Principal): Promise<{ code: string; expiresAt: string }> {
    if (!(await this.identities.memberExists(memberId))) throw new DomainError('MEMBER_NOT_FOUND', 'No such member.');
    let raw = '';
    for (let i = 0; i < LINK_CODE_LENGTH; i++) raw += LINK_CODE_ALPHABET[randomInt(LINK_CODE_ALPHABET.length)];
    const expiresAt = new Date(Date.now() + LINK_CODE_TTL_DAYS * 86_400_000);
    await this.identities.insertLinkCode(hashSecret(raw), memberId, issuer.role, issuer.subjectId ?? null, expiresAt);
    return { code: raw.match(/.{4}/g)!.join('-'), expiresAt: expiresAt.toISOString() };
  }

  async redeemLinkCode(code: string, issuer: string, subject: string): Promise<Principal> {
    const member = await this.identities.redeemLinkCode(hashSecret(normaliseLinkCode(code)), issuer, subject);
    if (!member)
      throw new DomainError(
        'LINK_CODE_INVALID',
        'The link code is unknown, already used or expired. Ask your a-kasse for a new one.',
      );
    return { role: 'member', subjectId: member.memberId };
  }
}

function staffPrincipal(staff: StaffRecord): Principal {
  if (!isRole(staff.role)) throw identityNotLinked();
  return {
    role: staff.role,
    subjectId: staff.staffId,
    ...(staff.departmentId ? { departmentId: staff.departmentId } : {}),
  };
}
