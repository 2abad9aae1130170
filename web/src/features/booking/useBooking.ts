import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { saveAsFile } from '../../api';
import { apiClient, ok } from '../../api/client';
import { useI18n } from '../../i18n';

/**
 * One booking and what the member can do with it: its details, its programme item's channels (only while moving
 * it), the .ics download, cancelling, and the message the page shows after booking, moving or cancelling.
 */
export function useBooking(id: string, justBooked?: boolean) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [moving, setMoving] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(justBooked ? t('booking.justBooked') : null);
  const booking = useQuery({
    queryKey: ['booking', id],
    queryFn: () => ok(apiClient.GET('/api/bookings/{id}/details', { params: { path: { id } } })),
  });
  const item = useQuery({
    queryKey: ['programme', booking.data?.memberId],
    queryFn: () =>
      ok(apiClient.GET('/api/members/{id}/programme', { params: { path: { id: booking.data!.memberId } } })),
    enabled: Boolean(booking.data) && moving,
    select: (programme) => programme.items.find((i) => i.id === booking.data?.programmeItemId),
  });
  const ics = useMutation({
    mutationFn: async () => {
      const { data, response } = await apiClient.GET('/api/bookings/{id}/calendar.ics', {
        params: { path: { id } },
        headers: { Accept: 'text/calendar' },
        parseAs: 'blob',
      });
      saveAsFile(data!, response, 'aftale.ics');
    },
  });
  const cancel = useMutation({
    mutationFn: () => ok(apiClient.POST('/api/bookings/{id}/cancel', { params: { path: { id } }, body: {} })),
    onSuccess: async () => {
      setCancelOpen(false);
      setMessage(t('booking.cancelledNow'));
      await queryClient.invalidateQueries({ queryKey: ['booking', id] });
      await queryClient.invalidateQueries({ queryKey: ['programme'] });
    },
  });
  return { booking, item, ics, cancel, moving, setMoving, cancelOpen, setCancelOpen, message, setMessage };
}

/** A group session as its participant asks for it (their own booking in it, their place on its waiting list). */
export function useMemberSession(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['session', id],
    queryFn: () => ok(apiClient.GET('/api/sessions/{id}', { params: { path: { id: id! } } })),
    enabled,
  });
}
