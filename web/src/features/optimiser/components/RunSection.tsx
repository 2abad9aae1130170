import { ErrorMessage, Loading } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import type { MessageKey } from '../../../messages';
import type { OptimiserRunState } from '../useOptimiserRun';
import { ProposalView } from './ProposalView';

/** The open run: its status and progress while it runs, then its proposal. */
export function RunSection({ state }: { state: OptimiserRunState }) {
  const { t, percent } = useI18n();
  const { run: data, running, progress, done, proposal, apply } = state;
  const p = proposal.data;
  return (
    <section className="card" aria-labelledby="run-title">
      <h2 id="run-title">{t('optimiser.run')}</h2>
      <p role="status" aria-live="polite" data-testid="optimiser-status">
        {t('optimiser.status')}:{' '}
        <strong>{data ? t(`optimiser.state.${data.status}` as MessageKey) : t('common.loading')}</strong>
        {running && progress !== null ? ` (${percent(progress)})` : ''}
      </p>
      {running && (
        <progress className="progress" max={1} value={progress ?? undefined} aria-label={t('optimiser.progress')}>
          {progress === null ? '' : percent(progress)}
        </progress>
      )}
      {data?.error && <ErrorMessage error={new Error(data.error)} />}
      {done && proposal.isPending && <Loading height={200} />}
      {p && (
        <ProposalView
          proposal={p}
          applied={apply.data ?? null}
          appliedAt={data?.appliedAt}
          applyError={apply.error}
          applying={apply.isPending}
          confirming={state.confirming}
          onConfirming={state.setConfirming}
          onApply={() => apply.mutate()}
        />
      )}
    </section>
  );
}
