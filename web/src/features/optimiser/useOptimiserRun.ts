import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, ok } from '../../api/client';
import { addDays, mondayOf, todayLocal } from '../../dates';
import { useActivities } from '../../hooks';
import { FINISHED } from './types';

export const DEFAULT_MAX_TRAVEL_KM = 60;

/** The scope of a new run as chosen on the page: period, activities, departments, longest journey, withdrawals. */
export function useRunParameters() {
  const [from, setFrom] = useState(() => mondayOf(addDays(todayLocal(), 7)));
  const [weeks, setWeeks] = useState(4);
  const [departmentIds, setDepartmentIds] = useState<string[]>([]);
  const [activityTypes, setActivityTypes] = useState<string[]>([]);
  const [maxTravelKm, setMaxTravelKm] = useState(DEFAULT_MAX_TRAVEL_KM);
  const [withdrawSlots, setWithdrawSlots] = useState(true);
  const departments = useQuery({ queryKey: ['departments'], queryFn: () => ok(apiClient.GET('/api/departments')) });
  const activities = useActivities();
  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);
  return {
    from,
    setFrom,
    to: addDays(from, weeks * 7 - 1),
    weeks,
    setWeeks,
    maxTravelKm,
    setMaxTravelKm,
    withdrawSlots,
    setWithdrawSlots,
    departments: departments.data ?? [],
    departmentIds,
    toggleDepartment: (id: string, on: boolean) => setDepartmentIds(toggle(departmentIds, id, on)),
    groupActivities: (activities.data ?? []).filter((a) => a.kind === 'group'),
    activityTypes,
    toggleActivity: (code: string, on: boolean) => setActivityTypes(toggle(activityTypes, code, on)),
    /** The body of POST /api/optimiser/runs: lists only when narrowed. */
    body: () => ({
      from,
      to: addDays(from, weeks * 7 - 1),
      maxTravelKm,
      withdrawSlots,
      ...(departmentIds.length ? { departmentIds } : {}),
      ...(activityTypes.length ? { activityTypes } : {}),
    }),
  };
}

export type RunParameters = ReturnType<typeof useRunParameters>;

/** One run: starting it, following it (polled every second until it finishes), its proposal, and applying it. */
export function useOptimiserRun(parameters: RunParameters) {
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const start = useMutation({
    mutationFn: () => ok(apiClient.POST('/api/optimiser/runs', { body: parameters.body() })),
    onSuccess: (run) => {
      setRunId(run.id);
      void queryClient.invalidateQueries({ queryKey: ['optimiser-runs'] });
    },
  });
  const run = useQuery({
    queryKey: ['optimiser-run', runId],
    queryFn: () => ok(apiClient.GET('/api/optimiser/runs/{id}', { params: { path: { id: runId! } } })),
    enabled: Boolean(runId),
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
  const done = run.data?.status === 'done';
  const proposal = useQuery({
    queryKey: ['optimiser-proposal', runId, run.data?.appliedAt ?? null],
    queryFn: () => ok(apiClient.GET('/api/optimiser/runs/{id}/proposal', { params: { path: { id: runId! } } })),
    enabled: Boolean(runId) && done,
  });
  const apply = useMutation({
    mutationFn: () => ok(apiClient.POST('/api/optimiser/runs/{id}/apply', { params: { path: { id: runId! } } })),
    onSuccess: () => {
      setConfirming(false);
      void run.refetch();
      void queryClient.invalidateQueries({ queryKey: ['optimiser-runs'] });
    },
  });

  const data = run.data;
  const running = Boolean(runId) && (!data || !FINISHED.has(data.status));
  return {
    runId,
    start: () => {
      apply.reset();
      start.mutate();
    },
    starting: start.isPending,
    /** Opens an earlier run. */
    open: (id: string) => {
      apply.reset();
      setRunId(id);
    },
    run: data,
    running,
    done,
    progress: typeof data?.progress === 'number' ? Math.max(0, Math.min(1, data.progress)) : null,
    proposal,
    error: start.error ?? run.error ?? proposal.error,
    confirming,
    setConfirming,
    apply,
  };
}

export type OptimiserRunState = ReturnType<typeof useOptimiserRun>;
