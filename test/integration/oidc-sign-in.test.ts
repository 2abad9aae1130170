import {
  CENTRAL,
  adviserAt,
  copenhagen,
  createMember,
  dateFromToday,
  freeTime,
  itemOf,
  mainOffice,
  nextWeekday,
  type MainOffice,
} from '../support/booking-factories.js';
import {
  Browser,
  newSigningKey,
  startTestOpenIdProvider,
  TEST_AUDIENCE,
  TEST_CLIENT_ID,
  TEST_MACHINE_CLIENT,
  type TestOpenIdProvider,
} from '../support/oidc-provider.js';
import { IdentityRepository } from '../../src/common/auth/identity.repository.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// Sign-in against a real OpenID Provider (oidc-provider) started here, driven through its own login page.
const APP_BASE = 'http://localhost:3000';
const CALLBACK = `${APP_BASE}/api/auth/callback`;

interface WebSession {
  cookie: string;
  landedAt: string;
  csrfToken: string;
}

function cookieFrom(setCookie: string[] | string | undefined, name: string): string | undefined {
  const lines = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = lines.find((l) => l.startsWith(`${name}=`));
  return line?.split(';')[0];
}

describe('sign-in with an OpenID Provider', () => {
  let t: TestApp;
  let op: TestOpenIdProvider;
  let office: MainOffice;

  beforeAll(async () => {
    op = await startTestOpenIdProvider(APP_BASE);
    t = await createTestApp({
      OIDC_ISSUER_URL: op.issuer,
      OIDC_CLIENT_ID: TEST_CLIENT_ID,
      OIDC_AUDIENCE: TEST_AUDIENCE,
      OIDC_JWKS_MAX_AGE_SECONDS: '1',
    });
    office = await mainOffice(t, 'Aarhus');
  });
  afterAll(async () => {
    await t.close();
    await op.close();
  });

  /** The whole browser round trip: app → provider login page → consent → app callback → session cookie. */
  async function signIn(login: string, returnTo = '/app/member'): Promise<WebSession> {
    const start = await t.http.get('/api/auth/login').query({ returnTo });
    expect(start.status).toBe(302);
    const loginCookie = cookieFrom(start.headers['set-cookie'], 'akasse_login');
    expect(loginCookie).toBeDefined();
    const browser = new Browser();
    const callback = await browser.signInAtProvider(start.headers.location, login, CALLBACK);
    const done = await t.http.get(callback.slice(APP_BASE.length)).set('Cookie', loginCookie!);
    expect(done.status).toBe(302);
    const cookie = cookieFrom(done.headers['set-cookie'], 'akasse_session');
    if (!cookie) throw new Error(`no session: ${done.headers.location}`);
    const session = await t.http.get('/api/auth/session').set('Cookie', cookie);
    expect(session.status).toBe(200);
    return { cookie, landedAt: done.headers.location, csrfToken: session.body.csrfToken };
  }

  async function memberNumber(memberId: string): Promise<string> {
    const [row] = await t.db.query(`SELECT member_number FROM member WHERE id = $1`, [memberId]);
    return row.member_number;
  }

  it('links a member by the member-number claim at first sign-in, and the member books through the session', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-30), targetGroup: 'low-risk' });
    op.addAccount({ sub: `mitid-${member.id}`, member_number: await memberNumber(member.id) });
    const web = await signIn(`mitid-${member.id}`, '/app/member');
    expect(web.landedAt).toBe('/app/member');
    const who = await t.http.get('/api/auth/session').set('Cookie', web.cookie);
    expect(who.body).toMatchObject({ linked: true, role: 'member', subjectId: member.id });
    expect(web.cookie).not.toContain(member.id);

    const adviser = await adviserAt(t, office.id, 0);
    const date = nextWeekday(3, 2);
    const start = copenhagen(
      date,
      await freeTime(t, office.id, date, 30, { staffIds: [adviser.id], preferred: '09:00' }),
    );
    const end = new Date(new Date(start).getTime() + 30 * 60_000).toISOString();
    const slot = await t.http
      .post(`/api/offices/${office.id}/slots`)
      .set(t.auth(CENTRAL))
      .send({ staffId: adviser.id, activityCodes: ['follow-up'], channel: 'in-person', start, end });
    expect(slot.status).toBe(201);
    const booking = { memberId: member.id, programmeItemId: itemOf(member, 'follow-up').id, slotId: slot.body.id };

    const withoutCsrf = await t.http.post('/api/bookings').set('Cookie', web.cookie).send(booking);
    expect(withoutCsrf.status).toBe(403);
    expect(withoutCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
    const booked = await t.http
      .post('/api/bookings')
      .set('Cookie', web.cookie)
      .set('X-CSRF-Token', web.csrfToken)
      .send(booking);
    expect(booked.status).toBe(201);
    // The same person signing in again is found by the link, not the claim.
    const [link] = await t.db.query(`SELECT linked_by FROM member_identity WHERE subject = $1`, [`mitid-${member.id}`]);
    expect(link.linked_by).toBe('member-number');
  });

  it('sends an unknown identity to the not-linked page; a staff-issued one-time code links it', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-10) });
    const web = await signIn('someone-without-claims', '/app/member');
    expect(web.landedAt).toBe('/app/not-linked?returnTo=%2Fapp%2Fmember');
    const refused = await t.http.get(`/api/members/${member.id}/programme`).set('Cookie', web.cookie);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('IDENTITY_NOT_LINKED');

    const adviser = await adviserAt(t, office.id, 0);
    const issued = await t.http
      .post(`/api/members/${member.id}/link-code`)
      .set(t.auth({ role: 'adviser', subjectId: adviser.id, departmentId: office.departmentId }));
    expect(issued.status).toBe(201);
    expect(issued.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [stored] = await t.db.query(
      `SELECT encode(code_hash, 'hex') AS hash FROM member_link_code WHERE member_id = $1`,
      [member.id],
    );
    expect(stored.hash).not.toContain(issued.body.code.replace(/-/g, ''));

    const wrong = await t.http
      .post('/api/auth/link')
      .set('Cookie', web.cookie)
      .set('X-CSRF-Token', web.csrfToken)
      .send({ code: 'AAAA-BBBB-CCCC' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('LINK_CODE_INVALID');
    const linked = await t.http
      .post('/api/auth/link')
      .set('Cookie', web.cookie)
      .set('X-CSRF-Token', web.csrfToken)
      .send({ code: issued.body.code.toLowerCase() });
    expect(linked.status).toBe(200);
    expect(linked.body).toEqual({ role: 'member', subjectId: member.id });
    const programme = await t.http.get(`/api/members/${member.id}/programme`).set('Cookie', web.cookie);
    expect(programme.status).toBe(200);
    // One time only.
    const other = await signIn('someone-else', '/app/member');
    const again = await t.http
      .post('/api/auth/link')
      .set('Cookie', other.cookie)
      .set('X-CSRF-Token', other.csrfToken)
      .send({ code: issued.body.code });
    expect(again.body.code).toBe('LINK_CODE_INVALID');
  });

  it('links an adviser by verified e-mail; role and department come from the staff record, not the token', async () => {
    const adviser = await adviserAt(t, office.id, 1);
    const [staff] = await t.db.query(`SELECT email FROM staff WHERE id = $1`, [adviser.id]);
    op.addAccount({ sub: 'entra-adviser-1', email: staff.email.toUpperCase(), email_verified: true });
    op.addAccount({ sub: 'entra-unverified', email: staff.email, email_verified: false });
    const web = await signIn('entra-adviser-1', '/app/office');
    expect(web.landedAt).toBe('/app/office');
    const who = await t.http.get('/api/auth/session').set('Cookie', web.cookie);
    expect(who.body).toMatchObject({
      linked: true,
      role: 'adviser',
      subjectId: adviser.id,
      departmentId: office.departmentId,
    });
    const members = await t.http.get('/api/members').set('Cookie', web.cookie);
    expect(members.status).toBe(200);
    expect(members.body.length).toBeGreaterThan(0);
    const departments = await t.db.query(
      `SELECT DISTINCT o.department_id AS "departmentId" FROM member m JOIN office o ON o.id = m.home_office_id WHERE m.id = ANY($1::uuid[])`,
      [members.body.map((m: { id: string }) => m.id)],
    );
    expect(departments).toEqual([{ departmentId: office.departmentId }]);

    const unverified = await signIn('entra-unverified', '/app/office');
    expect(unverified.landedAt).toMatch(/^\/app\/not-linked/);
  });

  it('signs out: the local session ends and the provider’s end-session endpoint is next', async () => {
    const adviser = await adviserAt(t, office.id, 1);
    const [staff] = await t.db.query(`SELECT email FROM staff WHERE id = $1`, [adviser.id]);
    op.addAccount({ sub: 'entra-adviser-2', email: staff.email, email_verified: true });
    const web = await signIn('entra-adviser-2', '/app/office');
    const out = await t.http.post('/api/auth/logout').set('Cookie', web.cookie).set('X-CSRF-Token', web.csrfToken);
    expect(out.status).toBe(200);
    const endSession = new URL(out.body.endSessionUrl);
    expect(endSession.origin).toBe(op.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${APP_BASE}/app/sign-in?signedOut=1`);
    expect((await new Browser().request(endSession.href)).status).toBe(200);
    const after = await t.http.get('/api/auth/session').set('Cookie', web.cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
  });

  it('an idle session expires with 401 SESSION_EXPIRED, and signing in again returns to the page the person was on', async () => {
    const adviser = await adviserAt(t, office.id, 1);
    const [staff] = await t.db.query(`SELECT email FROM staff WHERE id = $1`, [adviser.id]);
    op.addAccount({ sub: 'entra-adviser-3', email: staff.email, email_verified: true });
    const web = await signIn('entra-adviser-3', '/app/office');
    await t.db.query(
      `UPDATE auth_session SET last_seen_at = now() - interval '31 minutes' WHERE subject = 'entra-adviser-3'`,
    );
    const expired = await t.http.get('/api/members').set('Cookie', web.cookie);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('SESSION_EXPIRED');
    // A request that read the session just before it idled out touches it afterwards: that must not revive it.
    const [{ idHash }] = await t.db.query(
      `SELECT id_hash AS "idHash" FROM auth_session WHERE subject = 'entra-adviser-3' AND ended_at IS NULL`,
    );
    await t.app.get(IdentityRepository).touchSession(idHash, 30 * 60_000);
    expect((await t.http.get('/api/members').set('Cookie', web.cookie)).status).toBe(401);
    const again = await signIn('entra-adviser-3', '/app/office/sessions/abc?week=2');
    expect(again.landedAt).toBe('/app/office/sessions/abc?week=2');
    expect((await signIn('entra-adviser-3', 'https://evil.example/')).landedAt).toBe('/app/');
    expect((await signIn('entra-adviser-3', '//evil.example/app/')).landedAt).toBe('/app/');
  });

  it('erasing a member deletes their identity links and unused link codes and ends their sessions: their old identity is not linked any more', async () => {
    const member = await createMember(t, office, { firstUnemploymentDay: dateFromToday(-20) });
    op.addAccount({ sub: `mitid-erased-${member.id}`, member_number: await memberNumber(member.id) });
    const web = await signIn(`mitid-erased-${member.id}`, '/app/member');
    expect(web.landedAt).toBe('/app/member');
    const adviser = await adviserAt(t, office.id, 0);
    const issued = await t.http
      .post(`/api/members/${member.id}/link-code`)
      .set(t.auth({ role: 'adviser', subjectId: adviser.id, departmentId: office.departmentId }));
    expect(issued.status).toBe(201);
    const [before] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM member_identity WHERE member_id = $1) AS identities, (SELECT count(*)::int FROM member_link_code WHERE member_id = $1) AS codes`,
      [member.id],
    );
    expect(before).toEqual({ identities: 1, codes: 1 });

    const erased = await t.http.post(`/api/members/${member.id}/erasure`).set(t.auth(CENTRAL));
    expect(erased.status).toBe(200);
    const [after] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM member_identity WHERE member_id = $1) AS identities, (SELECT count(*)::int FROM member_link_code WHERE member_id = $1) AS codes`,
      [member.id],
    );
    expect(after).toEqual({ identities: 0, codes: 0 });
    const oldSession = await t.http.get('/api/auth/session').set('Cookie', web.cookie);
    expect([oldSession.status, oldSession.body.code]).toEqual([401, 'SESSION_EXPIRED']);

    // The same person signs in again through the provider: nobody is linked to that identity now.
    const again = await signIn(`mitid-erased-${member.id}`, '/app/member');
    expect(again.landedAt).toBe('/app/not-linked?returnTo=%2Fapp%2Fmember');
    const refused = await t.http.get(`/api/members/${member.id}/programme`).set('Cookie', again.cookie);
    expect([refused.status, refused.body.code]).toEqual([403, 'IDENTITY_NOT_LINKED']);
    const bearer = await t.http
      .get(`/api/members/${member.id}`)
      .set('Authorization', `Bearer ${await op.accessToken({ sub: `mitid-erased-${member.id}` })}`);
    expect([bearer.status, bearer.body.code]).toEqual([403, 'IDENTITY_NOT_LINKED']);
  });

  it('refuses a callback that did not start in this browser (state cookie missing)', async () => {
    const start = await t.http.get('/api/auth/login');
    const callback = await new Browser().signInAtProvider(start.headers.location, 'entra-adviser-3', CALLBACK);
    const done = await t.http.get(callback.slice(APP_BASE.length));
    expect(done.status).toBe(302);
    expect(done.headers.location).toBe('/app/sign-in?signInError=SIGN_IN_STATE_INVALID');
    expect(cookieFrom(done.headers['set-cookie'], 'akasse_session')).toBeUndefined();
  });

  describe('machine clients (client credentials)', () => {
    async function clientCredentialsToken(scope: string): Promise<string> {
      const response = await fetch(`${op.issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${TEST_MACHINE_CLIENT.id}:${TEST_MACHINE_CLIENT.secret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', scope, resource: TEST_AUDIENCE }).toString(),
      });
      const body = (await response.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    }

    const registration = () => ({
      memberNumber: `CS${Date.now() % 1e9}${Math.floor(Math.random() * 1e4)}`,
      name: 'Registreret af sagssystemet',
      municipalityCode: office.municipalityCode,
      homeOfficeId: office.id,
      basicItNeeds: false,
      firstUnemploymentDay: dateFromToday(-2),
      targetGroup: 'low-risk',
    });

    it('refuses a client without a service account, then maps it to one with named scopes', async () => {
      const token = await clientCredentialsToken('members:write members:read');
      const unknown = await t.http.post('/api/members').set('Authorization', `Bearer ${token}`).send(registration());
      expect([unknown.status, unknown.body.code]).toEqual([403, 'IDENTITY_NOT_LINKED']);

      const [account] = await t.db.query(
        `INSERT INTO service_account (issuer, client_id, name, scopes) VALUES ($1, $2, 'Sagssystem', '{members:write}') RETURNING id`,
        [op.issuer, TEST_MACHINE_CLIENT.id],
      );
      const created = await t.http.post('/api/members').set('Authorization', `Bearer ${token}`).send(registration());
      expect(created.status).toBe(201);
      const [audit] = await t.db.query(
        `SELECT actor_role, actor_id FROM audit_event WHERE entity_id = $1 ORDER BY id LIMIT 1`,
        [created.body.id],
      );
      expect(audit).toEqual({ actor_role: 'service', actor_id: account.id });
      // The account has members:write only, though the token asked for members:read too.
      const read = await t.http.get(`/api/members/${created.body.id}`).set('Authorization', `Bearer ${token}`);
      expect([read.status, read.body.code]).toEqual([403, 'INSUFFICIENT_SCOPE']);
      // A route no scope opens is closed to machine clients whatever they hold.
      const offices = await t.http.get('/api/offices').set('Authorization', `Bearer ${token}`);
      expect([offices.status, offices.body.code]).toEqual([403, 'FORBIDDEN']);
      // A token granted fewer scopes than the account has gets only those.
      const readOnly = await clientCredentialsToken('members:read');
      expect(
        (await t.http.post('/api/members').set('Authorization', `Bearer ${readOnly}`).send(registration())).body.code,
      ).toBe('INSUFFICIENT_SCOPE');
    });
  });

  describe('API bearer tokens', () => {
    let adviser: { id: string; departmentId: string };

    beforeAll(async () => {
      adviser = await adviserAt(t, office.id, 2);
      await t.db.query(
        `INSERT INTO staff_identity (issuer, subject, staff_id, linked_by) VALUES ($1, 'api-adviser', $2, 'manual') ON CONFLICT DO NOTHING`,
        [op.issuer, adviser.id],
      );
    });

    const call = (token: string) => t.http.get('/api/members').set('Authorization', `Bearer ${token}`);

    it('accepts the provider’s token and scopes it by the staff record', async () => {
      const response = await call(await op.accessToken({ sub: 'api-adviser', role: 'central-coordinator' }));
      expect(response.status).toBe(200);
      const departments = new Set(
        (
          await t.db.query(
            `SELECT o.department_id AS d FROM member m JOIN office o ON o.id = m.home_office_id WHERE m.id = ANY($1::uuid[])`,
            [response.body.map((m: { id: string }) => m.id)],
          )
        ).map((r: { d: string }) => r.d),
      );
      expect([...departments]).toEqual([office.departmentId]);
    });

    it('answers an unknown identity 403 IDENTITY_NOT_LINKED', async () => {
      const response = await call(await op.accessToken({ sub: 'nobody-we-know' }));
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('IDENTITY_NOT_LINKED');
    });

    it('refuses another issuer, a wrong audience, an expired token, alg none and HS256 from outside', async () => {
      const other = await startTestOpenIdProvider(APP_BASE);
      try {
        const foreign = await call(await other.accessToken({ sub: 'api-adviser' }));
        expect([foreign.status, foreign.body.code]).toEqual([401, 'INVALID_TOKEN']);
        const sameKeyOtherIssuer = await call(await op.accessToken({ sub: 'api-adviser' }, { issuer: other.issuer }));
        expect([sameKeyOtherIssuer.status, sameKeyOtherIssuer.body.code]).toEqual([401, 'INVALID_TOKEN']);
      } finally {
        await other.close();
      }
      const audience = await call(await op.accessToken({ sub: 'api-adviser' }, { audience: 'some-other-api' }));
      expect([audience.status, audience.body.code]).toEqual([401, 'INVALID_TOKEN']);
      const expired = await call(await op.accessToken({ sub: 'api-adviser' }, { expiresInSeconds: -60 }));
      expect([expired.status, expired.body.code]).toEqual([401, 'TOKEN_EXPIRED']);
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const none = `${b64({ alg: 'none' })}.${b64({ sub: 'api-adviser', iss: op.issuer, aud: TEST_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 60 })}.`;
      expect((await call(none)).status).toBe(401);
      const { SignJWT } = await import('jose');
      const hs = await new SignJWT({ role: 'admin', sub: 'api-adviser' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer(op.issuer)
        .setAudience(TEST_AUDIENCE)
        .setExpirationTime('5m')
        .sign(Buffer.from('a-secret-from-outside-that-is-long-enough-0000'));
      expect((await call(hs)).status).toBe(401);
      const hs512 = await new SignJWT({ role: 'admin' })
        .setProtectedHeader({ alg: 'HS512' })
        .setExpirationTime('5m')
        .sign(Buffer.from('x'.repeat(64)));
      expect((await call(hs512)).status).toBe(401);
    });

    it('follows key rotation: both keys accepted while both are published, the old one refused once removed', async () => {
      const oldKey = op.keys[0];
      const newKey = await newSigningKey('key-2');
      op.publishKeys([newKey, oldKey]);
      // The key set is re-fetched for an unknown key id at most once a second (the cooldown that stops a flood of
      // made-up key ids from hammering the provider); the previous test may have fetched it a moment ago.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const byNew = await op.accessToken({ sub: 'api-adviser' }, { key: newKey });
      const byOld = await op.accessToken({ sub: 'api-adviser' }, { key: oldKey });
      expect((await call(byNew)).status).toBe(200);
      expect((await call(byOld)).status).toBe(200);
      op.publishKeys([newKey]);
      // OIDC_JWKS_MAX_AGE_SECONDS=1 here: after that the key set is fetched again.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await call(byNew)).status).toBe(200);
      const refused = await call(byOld);
      expect([refused.status, refused.body.code]).toEqual([401, 'INVALID_TOKEN']);
    });
  });
});
