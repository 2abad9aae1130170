import { createDecipheriv, createECDH, type ECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importJWK, jwtVerify, type JWTPayload } from 'jose';

/**
 * The browser's half of Web Push, for tests: a subscription's key pair and auth secret, the RFC 8291 decryption
 * of an aes128gcm body with them, and the RFC 8292 check of the VAPID header. Written from the RFCs with
 * node:crypto only, so it checks the sender rather than repeating it.
 */
export class BrowserPushKeys {
  readonly ecdh: ECDH = createECDH('prime256v1');
  readonly publicKey: Buffer;
  readonly auth = randomBytes(16);

  constructor() {
    this.publicKey = this.ecdh.generateKeys();
  }

  /** `PushSubscription.toJSON()` for an endpoint. */
  subscription(endpoint: string) {
    return {
      endpoint,
      expirationTime: null,
      keys: { p256dh: this.publicKey.toString('base64url'), auth: this.auth.toString('base64url') },
    };
  }

  /** RFC 8291 §3–4 with RFC 8188 records: header salt(16) | rs(4) | idlen(1) | keyid (the sender's public key). */
  decrypt(body: Buffer): Buffer {
    const salt = body.subarray(0, 16);
    const recordSize = body.readUInt32BE(16);
    const idLength = body[20];
    const senderPublicKey = body.subarray(21, 21 + idLength);
    if (idLength !== 65 || senderPublicKey[0] !== 0x04)
      throw new Error(`keyid is not an uncompressed P-256 key (${idLength} bytes)`);
    const ciphertext = body.subarray(21 + idLength);
    const ecdhSecret = this.ecdh.computeSecret(senderPublicKey);
    const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0', 'ascii'), this.publicKey, senderPublicKey]);
    const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, this.auth, keyInfo, 32));
    const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0', 'ascii'), 16));
    const baseNonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0', 'ascii'), 12));
    const records: Buffer[] = [];
    for (let offset = 0, seq = 0; offset < ciphertext.length; offset += recordSize, seq++) {
      const record = ciphertext.subarray(offset, offset + recordSize);
      const nonce = Buffer.from(baseNonce);
      nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8); // the record sequence number, XORed into the nonce's end
      const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
      decipher.setAuthTag(record.subarray(record.length - 16));
      const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
      const last = offset + recordSize >= ciphertext.length;
      let end = plain.length - 1;
      while (end >= 0 && plain[end] === 0) end--;
      if (plain[end] !== (last ? 2 : 1)) throw new Error(`record ${seq} has no padding delimiter`);
      records.push(plain.subarray(0, end));
    }
    return Buffer.concat(records);
  }
}

/** RFC 8292: `Authorization: vapid t=<JWT>, k=<public key>`; the JWT is ES256 by that key, for the endpoint's origin. */
export async function verifyVapid(
  authorization: string | undefined,
  endpoint: string,
): Promise<{ publicKey: string; claims: JWTPayload }> {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization ?? '');
  if (!match) throw new Error(`not a VAPID authorization: ${authorization}`);
  const [, jwt, publicKey] = match;
  const point = Buffer.from(publicKey, 'base64url');
  const key = await importJWK(
    {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    'ES256',
  );
  const { payload } = await jwtVerify(jwt, key, { algorithms: ['ES256'], audience: new URL(endpoint).origin });
  if (!payload.exp || payload.exp > Date.now() / 1000 + 24 * 3600)
    throw new Error('the VAPID JWT must expire within 24 hours');
  if (!/^(mailto:|https:)/.test(String(payload.sub)))
    throw new Error(`the VAPID subject is not mailto: or https: (${payload.sub})`);
  return { publicKey, claims: payload };
}

export interface ReceivedPush {
  /** The subscription's name in the URL (/push/<name>). */
  name: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  status: number;
}

/**
 * A push service in the test process: `POST /push/<name>` answers the next status queued in `answers` for
 * that name (then 201 Created), and records every request, whatever it answered.
 */
export class TestPushService {
  readonly requests: ReceivedPush[] = [];
  readonly answers = new Map<string, number[]>();
  private server?: Server;
  private base = '';

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const name = /^\/push\/([\w-]+)$/.exec(request.url ?? '')?.[1];
        if (request.method !== 'POST' || !name) {
          response.writeHead(404).end();
          return;
        }
        const status = this.answers.get(name)?.shift() ?? 201;
        this.requests.push({ name, headers: request.headers, body: Buffer.concat(chunks), status });
        response.writeHead(
          status,
          status === 201
            ? { Location: `${this.base}/message/${this.requests.length}` }
            : { 'Content-Type': 'text/plain' },
        );
        response.end(
          status === 201 ? '' : status === 410 ? 'push subscription has unsubscribed or expired.' : 'try again later',
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.base;
  }

  endpoint(name: string): string {
    return `${this.base}/push/${name}`;
  }

  delivered(name: string): ReceivedPush[] {
    return this.requests.filter((r) => r.name === name && r.status === 201);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * Stops the minute's scan for reminders and book-now messages in an app started with RUN_WORKERS (start it with
 * MESSAGE_RECONCILE_SECONDS=3600, or the reconciler registers the scan again): a push test's new member has an
 * open item, and a book-now push arriving before the booking's would take the answer the test queued for it.
 */
export async function stopMessageScans(queue: { removeJobScheduler(id: string): Promise<boolean> }): Promise<void> {
  await queue.removeJobScheduler('messages-scan');
}
