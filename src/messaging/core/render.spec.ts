import { formatAppointmentTime, formatDeadline, renderMessage } from './render.js';

const context = { activityName: 'Opfølgningssamtale', officeName: 'Aarhus', address: 'Vestergade 1, 8000 Aarhus C', link: 'https://x.example/member' };

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
