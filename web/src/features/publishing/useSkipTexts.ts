import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { Skip } from './usePublishForm';

/** Why times are skipped, in words, with the office's closure days (day → reason) for "kontoret er lukket (…)". */
export function useSkipTexts(closures: Map<string, string> | undefined) {
  const { t } = useI18n();
  /** "helligdag (Juledag)": the API's reason code (with a holiday's name after a colon) in words. */
  const reasonText = (reason: string, day: string) => {
    const [code, detail] = reason.split(/: (.*)/);
    const closure = code === 'OFFICE_CLOSED' ? closures?.get(day) : undefined;
    const extra = detail ?? closure;
    return `${t(`skip.${code}` as MessageKey)}${extra ? ` (${extra})` : ''}`;
  };
  /** Skips of one day grouped by reason: "09.00, 10.00 – allerede udgivet". */
  const skippedOn = (skipped: Skip[], day: string) => {
    const groups = new Map<string, string[]>();
    for (const s of skipped.filter((x) => x.date === day))
      groups.set(s.reason, [...(groups.get(s.reason) ?? []), ...(s.start ? [s.start.replace(':', '.')] : [])]);
    return [...groups].map(
      ([reason, times]) => `${times.length > 0 ? `${times.join(', ')} – ` : ''}${reasonText(reason, day)}`,
    );
  };
  return { skippedOn };
}
