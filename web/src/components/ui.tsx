import { useEffect, useId, useRef, type ReactNode } from 'react';
import { ApiError } from '../api';
import { errorText } from '../error-texts';
import { useI18n } from '../i18n';

/**
 * An API or network failure in words: the app's own Danish or English text for the error code (never the
 * API's English message), with "Prøv igen" where trying again can help and the caller can retry.
 */
export function ErrorMessage({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t, language } = useI18n();
  if (!error) return null;
  let message: string;
  let retry = false;
  if (error instanceof ApiError) {
    const known = errorText(error.status === 0 ? 'NETWORK' : error.code, language);
    if (known) {
      message = known.text;
      retry = known.retry;
    } else if (error.status >= 500) {
      message = t('error.server');
      retry = true;
    } else message = t('error.unknown');
  } else {
    message = t('error.unknown');
  }
  const fields =
    error instanceof ApiError
      ? (error.details as { fields?: { field: string; problems: string[] }[] } | undefined)?.fields
      : undefined;
  return (
    <div
      className="notice notice-error"
      role="alert"
      data-error-code={error instanceof ApiError ? error.code : undefined}
    >
      <p className="notice-title">{title ?? t('error.title')}</p>
      <p>{message}</p>
      {fields && fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <strong>{f.field}</strong>: {f.problems.join(', ')}
            </li>
          ))}
        </ul>
      )}
      {retry && onRetry && (
        <p>
          <button type="button" className="button button-small" onClick={onRetry}>
            {t('error.retry')}
          </button>
        </p>
      )}
    </div>
  );
}

export function Loading({ label, height = 160 }: { label?: string; height?: number }) {
  const { t } = useI18n();
  return (
    <div className="loading" style={{ minHeight: height }} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function Success({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-success" role="status">
      {children}
    </div>
  );
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – A-kassen`;
  }, [title]);
  return (
    <div className="page-header">
      <h1 id="page-title" tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

/** A modal confirmation on the native <dialog>: focus moves in, Escape closes, focus returns. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  danger,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          {cancelLabel}
        </button>
        <button
          type="button"
          className={danger ? 'button button-danger' : 'button button-primary'}
          onClick={onConfirm}
          disabled={busy}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** A labelled select: the label is tied to the control by id, as every form field here is. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string | number;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Whole numbers as select options, e.g. a choice of weeks. */
export const numberOptions = (values: readonly number[]): SelectOption[] =>
  values.map((v) => ({ value: String(v), label: String(v) }));
