import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, downloadCsv, ok } from '../../api/client';
import { useI18n } from '../../i18n';
import { messages, type MessageKey } from '../../messages';

/** Unplaced items shown per page. */
const UNPLACED_PAGE = 25;

/** A run's unplaced items a page at a time from the API, and all of them as a Danish Excel CSV. */
export function useUnplacedPage(runId: string, total: number) {
  const [offset, setOffset] = useState(0);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const page = useQuery({
    queryKey: ['optimiser-unplaced', runId, offset],
    queryFn: () =>
      ok(
        apiClient.GET('/api/optimiser/runs/{id}/unplaced', {
          params: { path: { id: runId }, query: { limit: UNPLACED_PAGE, offset } },
        }),
      ),
    placeholderData: keepPreviousData,
    enabled: total > 0,
  });
  const shown = page.data;
  const last = shown ? Math.min(shown.offset + shown.items.length, shown.total) : 0;

  async function downloadAll() {
    setDownloadError(null);
    try {
      await downloadCsv(
        '/api/optimiser/runs/{id}/unplaced',
        { path: { id: runId } },
        `optimiser-unplaced-${runId}.csv`,
      );
    } catch (error) {
      setDownloadError(error);
    }
  }

  return {
    shown,
    last,
    error: page.error ?? downloadError,
    hasPrevious: offset > 0,
    hasNext: Boolean(shown) && last < shown!.total,
    previous: () => setOffset(Math.max(0, offset - UNPLACED_PAGE)),
    next: () => setOffset(offset + UNPLACED_PAGE),
    downloadAll,
  };
}

/** The reason of an unplaced item in words; a code the app has no text for is shown as it is. */
export function useReasonText() {
  const { t } = useI18n();
  return (reason: string) => {
    const key = `optimiser.reason.${reason}`;
    return key in messages.da ? t(key as MessageKey) : reason;
  };
}
