import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { type ChannelSender, type OutgoingMessage, PermanentDeliveryError } from './channel.js';

/** E-mail over SMTP with nodemailer's pooled transport (connections reused across messages). */
export class EmailChannel implements ChannelSender {
  readonly channel = 'email' as const;
  readonly configured: boolean;
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
  ) {
    this.configured = smtpUrl !== undefined;
    this.transport = smtpUrl
      ? nodemailer.createTransport(`${smtpUrl}${smtpUrl.includes('?') ? '&' : '?'}pool=true&maxConnections=5`)
      : undefined;
  }

  async send(message: OutgoingMessage): Promise<string> {
    if (!this.transport) throw new PermanentDeliveryError('e-mail is not configured');
    try {
      const info = await this.transport.sendMail({
        from: this.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: `<message-${message.messageId}@akasse-scheduler>`,
        headers: message.unsubscribeUrl
          ? { 'List-Unsubscribe': `<${message.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
          : undefined,
        attachments: message.ics
          ? [
              {
                filename: message.ics.method === 'CANCEL' ? 'cancel.ics' : 'invite.ics',
                content: message.ics.content,
                contentType: `text/calendar; charset=utf-8; method=${message.ics.method}`,
              },
            ]
          : undefined,
      });
      return info.response;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const text = error instanceof Error ? error.message : String(error);
      // 5xx: the server refused this message for good (unknown mailbox, policy); 4xx and network errors pass.
      if (code !== undefined && code >= 500) throw new PermanentDeliveryError(text);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.transport?.close();
  }
}
