import type { FormEvent } from 'react';
import { ErrorMessage, PageHeader } from '../../components/ui';
import { useSelectedOffice } from '../../hooks';
import { useI18n } from '../../i18n';
import { ClosuresInRange } from './components/ClosuresInRange';
import { PatternEditor } from './components/PatternEditor';
import { PreviewTable } from './components/PreviewTable';
import { PublishFields } from './components/PublishFields';
import { PublishOutcome } from './components/PublishOutcome';
import { usePublishForm } from './usePublishForm';
import { useSkipTexts } from './useSkipTexts';

/** Publishing slots from a weekly pattern over a date range, with a live preview of what it gives and skips. */
export function PublishPage() {
  const { t } = useI18n();
  const { officeId, offices, setOffice, error: officeError } = useSelectedOffice();
  const form = usePublishForm(officeId);
  const { skippedOn } = useSkipTexts(form.closures.data);
  const { preview, publish, chosenStaff } = form;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate();
  };

  return (
    <>
      <PageHeader title={t('publish.title')} />
      <p className="lead">{t('publish.intro')}</p>
      <ErrorMessage error={officeError ?? form.staff.error ?? form.activities.error} />
      <form className="card form" onSubmit={submit} noValidate={false}>
        <PublishFields form={form} offices={offices} officeId={officeId} setOffice={setOffice} />
        <PatternEditor form={form} />
        <ClosuresInRange closedInRange={form.closedInRange} patternDays={form.patternDays} />
        <PreviewTable
          preview={preview.data}
          fetching={preview.isFetching}
          error={preview.error}
          skippedOn={skippedOn}
        />
        <ErrorMessage error={publish.error} />
        {publish.data && (
          <PublishOutcome result={publish.data} officeId={officeId} from={form.from} skippedOn={skippedOn} />
        )}
        <button
          type="submit"
          className="button button-primary"
          disabled={publish.isPending || !chosenStaff || !officeId}
        >
          {publish.isPending ? t('publish.publishing') : t('publish.submit')}
        </button>
      </form>
    </>
  );
}
