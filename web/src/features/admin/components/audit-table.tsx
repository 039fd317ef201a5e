import { formatTime, t } from '../../../lib/i18n.ts';
import type { AuditEntry } from '../api/types.ts';

const columns = [
  'adminAudit.seq',
  'adminAudit.time',
  'adminAudit.action',
  'adminAudit.actor',
  'adminAudit.object',
  'adminAudit.details',
];

/** One page of the audit trail; actors by name where the member list knows them. */
export function AuditTable(props: {
  entries: AuditEntry[];
  page: number;
  isLoading: boolean;
  actorOf: (memberId: string | null) => string;
}) {
  return (
    <table class="admin-table audit-table" id="audit-list" aria-busy={props.isLoading ? 'true' : 'false'}>
      <caption>{t('adminAudit.caption', { count: props.entries.length, page: props.page })}</caption>
      <thead>
        <tr>
          {columns.map((key) => (
            <th scope="col" key={key}>
              {t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr key={entry.id} data-action={entry.action}>
            <td>{String(entry.seq)}</td>
            <td>{entry.createdAt ? formatTime(Date.parse(entry.createdAt)) : '—'}</td>
            <td>
              <code dir="ltr">{entry.action}</code>
            </td>
            <td dir="auto">{props.actorOf(entry.actorMemberId)}</td>
            <td>
              {entry.objectType ? (
                <code dir="ltr">{`${entry.objectType} ${entry.objectId ?? ''}`}</code>
              ) : (
                '—'
              )}
            </td>
            <td>
              <code class="metadata" dir="ltr">
                {JSON.stringify(entry.metadata ?? {})}
              </code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
