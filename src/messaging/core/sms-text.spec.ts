import { fitSms, smsEncoding } from './sms-text.js';

describe('smsEncoding', () => {
  it('sends Danish letters in GSM-7', () => {
    expect(smsEncoding('Påmindelse: Opfølgningssamtale hos Århus, Æble Ø')).toEqual({
      encoding: 'GSM-7',
      units: 48,
      segments: 1,
    });
  });

  it('counts extension characters twice and splits at 153 septets', () => {
    expect(smsEncoding('€').units).toBe(2);
    expect(smsEncoding('a'.repeat(160)).segments).toBe(1);
    expect(smsEncoding('a'.repeat(161)).segments).toBe(2);
    expect(smsEncoding('a'.repeat(307)).segments).toBe(3);
  });

  it('falls back to UCS-2 (70, then 67 per part) for characters outside GSM', () => {
    expect(smsEncoding('Hej – vi ses')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(smsEncoding('–'.repeat(71)).segments).toBe(2);
  });

  it('cuts a text longer than three parts at a word', () => {
    const text = fitSms('ord '.repeat(200));
    expect(smsEncoding(text).segments).toBeLessThanOrEqual(3);
    expect(text.endsWith('ord...')).toBe(true);
  });
});
