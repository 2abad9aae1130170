// GSM 03.38 basic set and its extension table (each extension character takes two septets).
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const basic = new Set(GSM_BASIC);
const extended = new Set(GSM_EXTENDED);

export interface SmsEncoding {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

/**
 * How an SMS text travels: GSM-7 (160 septets, 153 per part when split) when every character is in the GSM
 * alphabet — Danish æ ø å Æ Ø Å are — else UCS-2 (70 units, 67 per part).
 */
export function smsEncoding(text: string): SmsEncoding {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (basic.has(ch)) septets += 1;
    else if (extended.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Longest SMS we send: three parts. A longer text is cut at a word and marked with "…" (which forces UCS-2, so "..." instead). */
export const MAX_SMS_SEGMENTS = 3;

export function fitSms(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (smsEncoding(clean).segments <= MAX_SMS_SEGMENTS) return clean;
  let cut = clean;
  while (cut.length > 0 && smsEncoding(cut + '...').segments > MAX_SMS_SEGMENTS) {
    const space = cut.lastIndexOf(' ');
    cut = space > 0 ? cut.slice(0, space) : cut.slice(0, -1);
  }
  return cut + '...';
}
