import {
  formatAppointmentTime,
  formatDeadline,
  renderAdviserDay,
  renderMessage,
  renderSlotsWithdrawn,
} from './render.js';

const context = {
  activityName: 'Opfølgningssamtale',
  officeName: 'Aarhus',
  address: 'Vestergade 1, 8000 Aarhus C',
  link: 'https://x.example/member',
};

describe('renderMessage', () => {
  it('writes Copenhagen wall-clock times in the member’s language, either side of a clock change', () => {
    expect(formatAppointmentTime(new Date('2026-10-23T08:00:00Z'), 'da')).toBe('fredag 23. oktober kl. 10:00');
    expect(formatAppointmentTime(new Date('2026-10-26T09:00:00Z'), 'da')).toBe('mandag 26. oktober kl. 10:00');
    expect(formatAppointmentTime(new Date('2026-10-26T09:00:00Z'), 'en')).toBe('Monday 26 October at 10:00');
    expect(formatDeadline(new Date('2027-02-10T23:00:00Z'), 'da')).toBe('10. februar');
  });

  it('gives push and SMS only activity, time and office, whatever the template asks', () => {
    const template = { subject: '', body: '{{activity}} {{time}}, {{office}} {{reason}} {{address}} {{link}}' };
    const payload = { activityCode: 'follow-up', start: '2026-10-26T09:00:00Z', reason: 'Rådgiveren er syg' };
    const sms = renderMessage(template, 'booking-cancelled-by-office', 'sms', 'da', payload, context);
    expect(sms.text).toBe('Opfølgningssamtale mandag 26. oktober kl. 10:00, Aarhus');
    const email = renderMessage(template, 'booking-cancelled-by-office', 'email', 'da', payload, context);
    expect(email.text).toContain('Rådgiveren er syg');
    expect(email.text).toContain('https://x.example/member');
  });
});

describe('renderAdviserDay', () => {
  const template = { subject: 'Din dag {{date}}', body: 'Dine aftaler {{date}}:\n\n{{appointments}}\n\n{{link}}' };
  const names = {
    activity: (code: string) => ({ 'follow-up': 'Jobopfølgning', 'workshop-cv': 'Skriv dig i job' })[code] ?? code,
    office: () => 'Aalborg',
  };

  it('lists time, activity, office and room in time order, on the wall clock of a 25-hour day', () => {
    const rendered = renderAdviserDay(
      template,
      'da',
      {
        activityCode: 'adviser-day',
        date: '2027-10-31',
        appointments: [
          {
            start: '2027-10-31T22:30:00Z',
            end: '2027-10-31T22:50:00Z',
            activityCode: 'follow-up',
            officeId: 'o',
            kind: 'slot',
          },
          {
            start: '2027-10-31T00:00:00Z',
            end: '2027-10-31T00:30:00Z',
            activityCode: 'workshop-cv',
            officeId: 'o',
            room: 'Lokale 2',
            kind: 'session',
            participants: 1,
          },
        ],
      },
      names,
      'https://x.example/app',
    );
    expect(rendered.subject).toBe('Din dag søndag 31. oktober');
    // 00:00 UTC is 02:00 CEST, before the clocks go back at 01:00 UTC; 22:30 UTC is 23:30 CET.
    expect(rendered.text).toBe(
      'Dine aftaler søndag 31. oktober:\n\n02:00–02:30  Skriv dig i job, Aalborg, Lokale 2 (1 deltager)\n23:30–23:50  Jobopfølgning, Aalborg\n\nhttps://x.example/app',
    );
  });
});

describe('renderSlotsWithdrawn', () => {
  const template = { subject: 'Ledige tider trukket tilbage', body: 'Trukket tilbage:\n\n{{withdrawals}}\n\n{{link}}' };
  const names = {
    activity: (code: string) => ({ netcafe: 'Netcafé' })[code] ?? code,
    office: (id: string) => ({ o1: 'Odense', o2: 'Svendborg' })[id] ?? '',
    staff: (id: string) => ({ s1: 'Anne Rådgiver', s2: 'Bo Rådgiver' })[id] ?? '',
  };
  const session = {
    sessionId: 'se',
    sessionStart: '2027-09-09T11:00:00Z',
    sessionEnd: '2027-09-09T13:00:00Z',
    sessionActivityCode: 'netcafe',
    sessionOfficeId: 'o1',
    room: 'Netcafé',
  };
  const payload = {
    activityCode: 'slots-withdrawn',
    runId: 'r',
    withdrawals: [
      {
        slotId: 'b',
        staffId: 's2',
        start: '2027-09-09T12:00:00Z',
        end: '2027-09-09T13:00:00Z',
        officeId: 'o2',
        ...session,
      },
      {
        slotId: 'a',
        staffId: 's1',
        start: '2027-09-09T11:00:00Z',
        end: '2027-09-09T12:00:00Z',
        officeId: 'o1',
        ...session,
      },
    ],
  };

  it("lists each withdrawn time in time order with the session that replaces it, naming the owner only when it is someone else's", () => {
    const own = renderSlotsWithdrawn(template, 'da', payload, names, 's1', 'https://x.example/app');
    expect(own.subject).toBe('Ledige tider trukket tilbage');
    expect(own.text).toBe(
      'Trukket tilbage:\n\n' +
        '- torsdag 9. september kl. 13:00–14:00, Odense. Erstattet af Netcafé torsdag 9. september kl. 13:00–15:00, Odense, Netcafé.\n' +
        '- Bo Rådgiver: torsdag 9. september kl. 14:00–15:00, Svendborg. Erstattet af Netcafé torsdag 9. september kl. 13:00–15:00, Odense, Netcafé.\n\n' +
        'https://x.example/app',
    );
    const coordinator = renderSlotsWithdrawn(template, 'en', payload, names, 'c', 'https://x.example/app');
    expect(coordinator.text).toContain(
      '- Anne Rådgiver: Thursday 9 September at 13:00–14:00, Odense. Replaced by Netcafé Thursday 9 September at 13:00–15:00, Odense, Netcafé.',
    );
    expect(coordinator.text).toContain('- Bo Rådgiver: Thursday 9 September at 14:00–15:00, Svendborg.');
  });
});
