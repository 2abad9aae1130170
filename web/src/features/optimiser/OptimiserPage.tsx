import { CENTRAL_ROLES, useAuth } from '../../auth';
import { ErrorMessage, PageHeader } from '../../components/ui';
import { useI18n } from '../../i18n';
import { PastRuns } from './components/PastRuns';
import { RunParametersForm } from './components/RunParametersForm';
import { RunSection } from './components/RunSection';
import { useOptimiserRun, useRunParameters } from './useOptimiserRun';

export function OptimiserPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('optimiser.title')} />
      <p className="lead">{t('optimiser.intro')}</p>
      <OptimiserRuns />
    </>
  );
}

/** Choose a scope, run, follow it, read and apply its proposal; or open an earlier run. */
function OptimiserRuns() {
  const { t } = useI18n();
  const { session } = useAuth();
  const parameters = useRunParameters();
  const state = useOptimiserRun(parameters);
  const mayRun = session ? CENTRAL_ROLES.includes(session.role) : false;

  if (!mayRun)
    return (
      <div className="notice notice-info" role="status">
        <p>{t('optimiser.centralOnly')}</p>
      </div>
    );
  return (
    <>
      <RunParametersForm parameters={parameters} onStart={state.start} disabled={state.starting || state.running} />
      <ErrorMessage error={state.error} />
      {state.runId && <RunSection state={state} />}
      <PastRuns current={state.runId} onOpen={state.open} />
    </>
  );
}
