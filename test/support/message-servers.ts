import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server in the test process. `failures` makes the next N deliveries to an address answer with
 * a code (451: try later; 550: refused for good); `delayMs` slows every delivery (to catch a worker mid-batch).
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly failures = new Map<string, { code: number; times: number }>();
  delayMs = 0;
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<string> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          const failure = to.map((address) => this.failures.get(address)).find((f) => f && f.times > 0);
          const finish = async () => {
            if (failure) {
              failure.times -= 1;
              callback(
                Object.assign(new Error(failure.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), {
                  responseCode: failure.code,
                }),
              );
              return;
            }
            const raw = Buffer.concat(chunks).toString('utf8');
            this.received.push({ to, raw, parsed: await simpleParser(raw) });
            callback(null, 'Queued as test');
          };
          if (this.delayMs > 0) setTimeout(() => void finish(), this.delayMs);
          else void finish();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface SmsRequest {
  authorization: string | undefined;
  body: { sender: string; message: string; recipients: { msisdn: number }[]; encoding: string; userref: string };
}

/** A local HTTP server speaking the SMS gateway's REST API; `answers` queues status codes to give (then 200). */
export class TestSmsGateway {
  readonly requests: SmsRequest[] = [];
  readonly answers: number[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        if (request.method !== 'POST' || request.url !== '/rest/mtsms') {
          response.writeHead(404).end();
          return;
        }
        const status = this.answers.shift() ?? 200;
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        this.requests.push({ authorization: request.headers.authorization, body });
        response.writeHead(status, { 'Content-Type': 'application/json' });
        response.end(
          JSON.stringify(
            status === 200
              ? { ids: [this.requests.length] }
              : {
                  code: status === 400 ? '0x0216' : 'ERROR',
                  message: status === 400 ? 'Invalid recipient' : 'Internal error',
                },
          ),
        );
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Polls `probe` until it answers (a probe that throws, e.g. against a server still starting, counts as no answer). */
export async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
