import { fitSms, smsEncoding } from '../core/sms-text.js';
import { type ChannelSender, type OutgoingMessage, PermanentDeliveryError } from './channel.js';

const TIMEOUT_MS = 10_000;

/**
 * SMS through a REST gateway in the style of the common Danish ones (GatewayAPI): `POST {base}/rest/mtsms`
 * with a token, JSON `{ sender, message, recipients: [{ msisdn }], encoding }`, answering `{ ids: [...] }`.
 * 4xx answers (bad number, bad request, no credit) are permanent; 429, 5xx and network errors are retried.
 */
export class SmsChannel implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly configured: boolean;

  constructor(
    private readonly baseUrl: string | undefined,
    private readonly apiKey: string | undefined,
    private readonly sender: string,
  ) {
    this.configured = baseUrl !== undefined && apiKey !== undefined;
  }

  async send(message: OutgoingMessage): Promise<string> {
    if (!this.baseUrl || !this.apiKey) throw new PermanentDeliveryError('SMS is not configured');
    const text = fitSms(message.text);
    const encoding = smsEncoding(text);
    const msisdn = normaliseMsisdn(message.to);
    if (!msisdn) throw new PermanentDeliveryError('the phone number is not a valid number');
    const response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}/rest/mtsms`, {
      method: 'POST',
      headers: { Authorization: `Token ${this.apiKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        sender: this.sender,
        message: text,
        recipients: [{ msisdn }],
        encoding: encoding.encoding === 'GSM-7' ? 'UTF8' : 'UCS2',
        userref: message.messageId,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = (await response.text()).slice(0, 500);
    if (response.ok)
      return `${response.status} ${answer} (${encoding.encoding}, ${encoding.segments} part${encoding.segments === 1 ? '' : 's'})`;
    if (response.status >= 400 && response.status < 500 && response.status !== 429 && response.status !== 408) {
      throw new PermanentDeliveryError(`${response.status} ${answer}`);
    }
    throw new Error(`${response.status} ${answer}`);
  }
}

/** Danish numbers to MSISDN (45 + eight digits); numbers with another country code are kept. */
export function normaliseMsisdn(phone: string): number | undefined {
  const digits = phone
    .replace(/[\s\-().]/g, '')
    .replace(/^\+/, '')
    .replace(/^00/, '');
  if (!/^\d{8,15}$/.test(digits)) return undefined;
  return Number(digits.length === 8 ? `45${digits}` : digits);
}
