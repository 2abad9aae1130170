import { createECDH, randomBytes } from 'node:crypto';
import { subscriptionProblem } from './push-subscription.js';

describe('subscriptionProblem', () => {
  const p256dh = createECDH('prime256v1');
  p256dh.generateKeys();
  const keys = { p256dh: p256dh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
  const check = (endpoint: string, production = true, k = keys) =>
    subscriptionProblem({ endpoint, keys: k }, production);

  it('accepts the push services of the browsers over https', () => {
    expect(check('https://fcm.googleapis.com/fcm/send/abc:APA91b')).toBeUndefined();
    expect(check('https://updates.push.services.mozilla.com/wpush/v2/gAAAAA')).toBeUndefined();
    expect(check('https://web.push.apple.com/QGuQyavXutnMH')).toBeUndefined();
  });

  it('allows http only on the loopback address and only outside production', () => {
    expect(check('http://127.0.0.1:4000/push/1', false)).toBeUndefined();
    expect(check('http://localhost:4000/push/1', false)).toBeUndefined();
    expect(check('http://127.0.0.1:4000/push/1', true)).toMatch(/https/);
    expect(check('http://push.example.com/1', false)).toMatch(/https/);
    expect(check('ftp://push.example.com/1', false)).toMatch(/https/);
  });

  it('refuses addresses, internal names and credentials in production', () => {
    expect(check('https://10.0.0.5/push')).toMatch(/host name/);
    expect(check('https://[::1]/push')).toMatch(/host name/);
    expect(check('https://localhost/push')).toMatch(/host name/);
    expect(check('https://intranet/push')).toMatch(/host name/);
    expect(check('https://user:pw@fcm.googleapis.com/x')).toMatch(/credentials/);
    expect(check('not a url')).toMatch(/not a URL/);
    expect(check(`https://fcm.googleapis.com/${'a'.repeat(1000)}`)).toMatch(/longer/);
  });

  it('checks the key lengths and their base64url form', () => {
    const endpoint = 'https://fcm.googleapis.com/fcm/send/abc';
    expect(check(endpoint, true, { ...keys, p256dh: `${keys.p256dh}=` })).toBeUndefined();
    expect(check(endpoint, true, { ...keys, p256dh: keys.auth })).toMatch(/p256dh/);
    expect(check(endpoint, true, { ...keys, p256dh: keys.p256dh.replace(/^./, 'A') })).toMatch(/p256dh/);
    expect(check(endpoint, true, { ...keys, p256dh: keys.p256dh.replace(/-|_/g, '+') + '+' })).toMatch(/p256dh/);
    expect(check(endpoint, true, { ...keys, auth: randomBytes(32).toString('base64url') })).toMatch(/auth/);
    expect(check(endpoint, true, { ...keys, auth: 'not base64!' })).toMatch(/auth/);
  });
});
