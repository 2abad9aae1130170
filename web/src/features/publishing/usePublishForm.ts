import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiClient, ok, type Schema } from '../../api/client';
import { addDays, mondayOf, todayLocal } from '../../dates';
import { useActivities } from '../../hooks';
import { useClosures } from '../../pages/OfficeWeek';

export interface PatternRow {
  key: number;
  weekday: number;
  start: string;
  end: string;
  slotMinutes: number;
}

export type PublishResult = Schema<'PublishedPatternDto'>;
export type PatternPreview = Schema<'PatternPreviewDto'>;
export type Skip = Schema<'SkippedDayDto'>;

export type Channel = Schema<'Channel'>;
export const CHANNELS: readonly Channel[] = ['in-person', 'phone', 'video'];

const LEADER_ROLES = ['adviser', 'job-consultant', 'pre-unemployment'];
let nextKey = 1;

/**
 * The publish form of one office: who, what, how, when and the weekly pattern; the preview that follows the form
 * half a second after its last change (POST …/slots/bulk/preview), and publishing it (POST …/slots/bulk).
 */
export function usePublishForm(officeId: string | undefined) {
  const activities = useActivities();
  const queryClient = useQueryClient();
  const [staffId, setStaffId] = useState('');
  const [codes, setCodes] = useState<string[]>(['cv-meeting', 'follow-up']);
  const [channel, setChannel] = useState<Channel>('in-person');
  const [from, setFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [to, setTo] = useState(() => addDays(mondayOf(addDays(todayLocal(), 7)), 6));
  const [pattern, setPattern] = useState<PatternRow[]>(() => [
    { key: nextKey++, weekday: 1, start: '09:00', end: '12:00', slotMinutes: 60 },
    { key: nextKey++, weekday: 3, start: '09:00', end: '12:00', slotMinutes: 60 },
  ]);

  const staff = useQuery({
    queryKey: ['staff', officeId],
    queryFn: () => ok(apiClient.GET('/api/staff', { params: { query: { officeId } } })),
    enabled: Boolean(officeId),
  });
  const leaders = (staff.data ?? []).filter((s) => s.officeId === officeId && LEADER_ROLES.includes(s.role));
  const chosenStaff = leaders.find((s) => s.id === staffId) ?? leaders[0];
  const individual = (activities.data ?? []).filter(
    (a) => a.kind === 'individual' && (!chosenStaff || a.leaderRoles.includes(chosenStaff.role)),
  );
  const years = [...new Set([from.slice(0, 4), to.slice(0, 4)].map(Number))];
  const closures = useClosures(officeId, years);
  const patternDays = new Set(pattern.map((p) => p.weekday));
  const closedInRange = [...(closures.data?.entries() ?? [])]
    .filter(([day]) => day >= from && day <= to)
    .sort(([a], [b]) => a.localeCompare(b));

  const body = {
    staffId: chosenStaff?.id,
    activityCodes: codes.filter((c) => individual.some((a) => a.code === c)),
    channel,
    from,
    to,
    pattern: pattern.map(({ weekday: w, start, end, slotMinutes }) => ({ weekday: w, start, end, slotMinutes })),
  };
  const bodyKey = JSON.stringify({ officeId, ...body });
  // The preview follows the form, half a second after the last change.
  const [previewKey, setPreviewKey] = useState(bodyKey);
  useEffect(() => {
    const timer = setTimeout(() => setPreviewKey(bodyKey), 500);
    return () => clearTimeout(timer);
  }, [bodyKey]);
  const ready = Boolean(officeId && chosenStaff && body.activityCodes.length > 0 && from && to);
  const preview = useQuery({
    queryKey: ['pattern-preview', previewKey],
    queryFn: () => {
      // Asked only when ready: a leader is chosen, so staffId is there.
      const { officeId: office, ...previewBody } = JSON.parse(previewKey) as Schema<'BulkSlotsBody'> & {
        officeId: string;
      };
      return ok(
        apiClient.POST('/api/offices/{officeId}/slots/bulk/preview', {
          params: { path: { officeId: office } },
          body: previewBody,
        }),
      );
    },
    enabled: ready && previewKey === bodyKey,
    retry: false,
    placeholderData: (previous) => previous,
  });

  const publish = useMutation({
    mutationFn: () =>
      ok(
        apiClient.POST('/api/offices/{officeId}/slots/bulk', {
          params: { path: { officeId: officeId! } },
          body: { ...body, staffId: body.staffId! },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['office-slots'] }),
        queryClient.invalidateQueries({ queryKey: ['pattern-preview'] }),
      ]),
  });
  // A changed form is a new pattern: the last publish result no longer describes it.
  const { reset: resetPublish } = publish;
  useEffect(() => resetPublish(), [bodyKey, resetPublish]);

  return {
    activities,
    staff,
    leaders,
    chosenStaff,
    setStaffId,
    individual,
    codes,
    toggleCode: (code: string, on: boolean) => setCodes(on ? [...codes, code] : codes.filter((c) => c !== code)),
    channel,
    setChannel,
    from,
    setFrom,
    to,
    setTo,
    pattern,
    updateRow: (key: number, change: Partial<PatternRow>) =>
      setPattern((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r))),
    addRow: () =>
      setPattern((rows) => [...rows, { key: nextKey++, weekday: 2, start: '09:00', end: '12:00', slotMinutes: 60 }]),
    removeRow: (key: number) => setPattern((rows) => rows.filter((r) => r.key !== key)),
    closures,
    closedInRange,
    patternDays,
    preview,
    publish,
  };
}

export type PublishForm = ReturnType<typeof usePublishForm>;
