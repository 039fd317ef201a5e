import { formatTime, t } from '../../../lib/i18n.ts';
import type { LiveSession } from '../api/types.ts';

const columns = ['sessions.started', 'sessions.lastActive', 'sessions.expires', 'sessions.device'];

export function SessionTable(props: { sessions: LiveSession[] }) {
  return (
    <table class="members" id="session-list">
      <caption class="visually-hidden">{t('sessions.title')}</caption>
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
        {props.sessions.map((session) => (
          <tr key={session.id} data-current={session.isCurrent ? 'true' : 'false'}>
            <td>{formatTime(session.createdAt)}</td>
            <td>{formatTime(session.lastSeenAt)}</td>
            <td>{formatTime(session.expiresAt)}</td>
            <td>
              {session.isCurrent ? (
                <span class="badge">{t('sessions.thisDevice')}</span>
              ) : (
                t('sessions.other')
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
