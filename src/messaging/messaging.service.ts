import { Inject, Injectable } from '@nestjs/common';
import { AccessService } from '../common/auth/access.service.js';
import type { Principal } from '../common/auth/principal.js';
import { conflict, notFound } from '../common/errors/domain-error.js';
import { assertInstantPeriod, AT_MOST_A_YEAR_OF_TIME } from '../common/validation/period.js';
import { APP_CONFIG } from '../common/config/config.module.js';
import type { AppConfig } from '../common/config/app-config.js';
import type { ExternalChannel } from './core/message-types.js';
import { renderMessage } from './core/render.js';
import { MessagingRepository, type Preferences, type StaffPreferences } from './messaging.repository.js';
import { UnsubscribeTokens } from './unsubscribe-token.js';

@Injectable()
export class MessagingService {
  constructor(
    @Inject(MessagingRepository) private readonly messages: MessagingRepository,
    @Inject(UnsubscribeTokens) private readonly tokens: UnsubscribeTokens,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessService) private readonly access: AccessService,
  ) {}

  /** A member's inbox, rendered in the language each message was decided in. */
  async inbox(principal: Principal, memberId: string, limit = 50) {
    await this.assertMemberInScope(principal, memberId);
    const rows = await this.messages.listInbox(memberId, limit);
    return rows.map((row) => {
      const link = row.payload.bookingId
        ? `${this.config.publicBaseUrl}/member?booking=${row.payload.bookingId}`
        : `${this.config.publicBaseUrl}/member`;
      const rendered = renderMessage(
        { subject: row.subject, body: row.body },
        row.event,
        'inbox',
        row.language,
        row.payload,
        {
          activityName: row.activityName ?? row.payload.activityCode,
          officeName: row.officeName,
          address: row.street ? `${row.street}, ${row.postcode} ${row.city}` : null,
          link,
        },
      );
      return {
        id: row.id,
        event: row.event,
        subject: rendered.subject,
        text: rendered.text,
        bookingId: row.payload.bookingId ?? null,
        createdAt: row.createdAt,
        readAt: row.readAt,
      };
    });
  }

  async markRead(principal: Principal, memberId: string, id: string): Promise<void> {
    this.access.assertAllowed(principal, 'message', 'mark read');
    await this.assertMemberInScope(principal, memberId);
    if (!(await this.messages.markRead(memberId, id))) throw notFound('message', id);
  }

  /** Preferences and which channels can reach the member; staff see them, only the member changes them. */
  async preferences(principal: Principal, memberId: string) {
    await this.assertMemberInScope(principal, memberId);
    const [preferences, contact] = await Promise.all([
      this.messages.preferences(memberId),
      this.messages.memberContact(memberId),
    ]);
    const reachable = { email: Boolean(contact?.email), sms: Boolean(contact?.phone), push: Boolean(contact?.push) };
    return { ...preferences, reachable, active: preferences.channels.filter((c) => reachable[c]) };
  }

  async savePreferences(principal: Principal, memberId: string, preferences: Preferences) {
    this.access.assertAllowed(principal, 'message preferences', 'change');
    await this.assertMemberInScope(principal, memberId);
    const unique = <T>(values: T[]) => [...new Set(values)];
    await this.messages.savePreferences(memberId, {
      channels: unique(preferences.channels),
      reminderHours: unique(preferences.reminderHours).sort((a, b) => b - a),
      language: preferences.language,
    });
    return this.preferences(principal, memberId);
  }

  /** Only the staff member themself: anyone else's settings answer 404, as if there were none. */
  async staffPreferences(principal: Principal, staffId: string): Promise<StaffPreferences & { staffId: string }> {
    await this.assertSelfStaff(principal, staffId);
    return { staffId, ...(await this.messages.staffPreferences(staffId)) };
  }

  async saveStaffPreferences(principal: Principal, staffId: string, preferences: StaffPreferences) {
    await this.assertSelfStaff(principal, staffId);
    await this.messages.saveStaffPreferences(staffId, preferences);
    return this.staffPreferences(principal, staffId);
  }

  private async assertSelfStaff(principal: Principal, staffId: string): Promise<void> {
    this.access.assertSelfStaff(principal, staffId, 'staff member');
    if (!(await this.messages.findStaff(staffId))) throw notFound('staff member', staffId);
  }

  async unsubscribe(token: string): Promise<{ channel: ExternalChannel }> {
    const { memberId, channel } = await this.tokens.verify(token);
    if (!(await this.messages.memberDepartment(memberId))) throw notFound('member');
    await this.messages.unsubscribe(memberId, channel);
    return { channel };
  }

  async memberMessages(principal: Principal, memberId: string, limit = 50) {
    await this.assertMemberInScope(principal, memberId);
    return this.messages.listMemberMessages(memberId, limit);
  }

  deadLetters(principal: Principal, limit = 100) {
    return this.messages.listDead(this.access.departmentFilter(principal), limit);
  }

  async retry(principal: Principal, id: string) {
    const message = await this.messages.findMessageOffice(id);
    this.access.assertInScope(principal, message, 'message', id);
    if (!(await this.messages.retryDead(id)))
      throw conflict('MESSAGE_NOT_DEAD', `The message is ${message.status}; only a dead letter can be retried.`);
    return { id, status: 'pending' };
  }

  async deliveryLog(principal: Principal, id: string) {
    this.access.assertInScope(principal, await this.messages.findMessageOffice(id), 'message', id);
    return this.messages.deliveryLog(id);
  }

  /** Per office: messages per day and channel, and the no-show rate of appointments with and without a reminder. */
  async officeKpis(principal: Principal, officeId: string, from: Date, to: Date) {
    this.access.assertInScope(principal, await this.messages.officeDepartment(officeId), 'office', officeId);
    assertInstantPeriod(from, to, AT_MOST_A_YEAR_OF_TIME);
    const [perDay, split] = await Promise.all([
      this.messages.messagesPerDay(officeId, from, to),
      this.messages.noShowsByReminder(officeId, from, to),
    ]);
    const group = (reminded: boolean) => {
      const row = split.find((r) => r.reminded === reminded) ?? { appointments: 0, noShows: 0 };
      return {
        appointments: row.appointments,
        noShows: row.noShows,
        noShowRate: row.appointments === 0 ? null : row.noShows / row.appointments,
      };
    };
    return { officeId, from, to, perDay, noShows: { withReminder: group(true), withoutReminder: group(false) } };
  }

  /** The member themself, staff of the member's department, central roles; anyone else gets 404. */
  private async assertMemberInScope(principal: Principal, memberId: string): Promise<void> {
    const member = await this.messages.memberDepartment(memberId);
    this.access.assertInScope(principal, member && { departmentId: member.departmentId, memberId }, 'member', memberId);
  }
}
