import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { apiClient, ok, type Schema } from './api/client';
import { useAuth } from './auth';

export function useActivities() {
  return useQuery({
    queryKey: ['activities'],
    queryFn: () => ok(apiClient.GET('/api/activities')),
    staleTime: 10 * 60_000,
  });
}

/** Offices the signed-in person works with: their department's, or all for central roles. */
export function useOfficesInScope() {
  const { session } = useAuth();
  const departmentId =
    session?.role === 'adviser' || session?.role === 'office-coordinator' ? session.departmentId : undefined;
  return useQuery({
    queryKey: ['offices', departmentId ?? 'all'],
    queryFn: () => ok(apiClient.GET('/api/offices', { params: { query: departmentId ? { departmentId } : {} } })),
    staleTime: 10 * 60_000,
  });
}

export function useMe() {
  const { session } = useAuth();
  const staffRole = session && session.role !== 'member' && session.subjectId;
  return useQuery({
    queryKey: ['me', session?.subjectId],
    queryFn: () => ok(apiClient.GET('/api/staff/{id}', { params: { path: { id: session!.subjectId! } } })),
    enabled: Boolean(staffRole),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

/** The office chosen in the URL (?office=), else the person's own office, else the first in scope. */
export function useSelectedOffice(): {
  officeId: string | undefined;
  offices: Schema<'OfficeDto'>[];
  setOffice(id: string): void;
  loading: boolean;
  error: unknown;
} {
  const [params, setParams] = useSearchParams();
  const offices = useOfficesInScope();
  const me = useMe();
  const list = [...(offices.data ?? [])].sort((a, b) =>
    a.kind === b.kind ? a.name.localeCompare(b.name, 'da') : a.kind === 'main' ? -1 : 1,
  );
  const fromUrl = params.get('office') ?? undefined;
  const own = me.data?.officeId ?? undefined;
  const officeId = fromUrl ?? (own && list.some((o) => o.id === own) ? own : list[0]?.id);
  return {
    officeId,
    offices: list,
    setOffice: (id) =>
      setParams((p) => {
        const next = new URLSearchParams(p);
        next.set('office', id);
        return next;
      }),
    loading: offices.isPending || (me.isPending && me.fetchStatus !== 'idle'),
    error: offices.error,
  };
}
