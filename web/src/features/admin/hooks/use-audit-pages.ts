import { useState } from 'preact/hooks';
import { useResource } from '../../../lib/resource.ts';
import { listAuditEntries } from '../api/audit.ts';
import type { AuditFilters } from '../components/audit-filter-form.tsx';

/** Query string of the filters; `cursor` continues before the previous page's last entry. */
function queryOf(filters: AuditFilters, cursor: string | null): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

/** The audit trail page by page (newest first) under the chosen filters. */
export function useAuditPages() {
  const [filters, setFilters] = useState<AuditFilters>({ limit: '50' });
  // Cursors of the pages shown so far: the first page has none.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = useResource(
    () => listAuditEntries(queryOf(filters, cursors.at(-1) ?? null)),
    [filters, cursors],
  );
  const nextCursor = page.data?.nextCursor ?? null;
  return {
    page,
    pageNumber: cursors.length,
    hasNewer: cursors.length > 1,
    hasOlder: nextCursor !== null,
    apply: (wanted: AuditFilters) => {
      setFilters(wanted);
      setCursors([null]);
    },
    older: () => {
      if (nextCursor) setCursors([...cursors, nextCursor]);
    },
    newer: () => {
      const previous = cursors.slice(0, -1);
      setCursors(previous.length > 0 ? previous : [null]);
    },
  };
}
