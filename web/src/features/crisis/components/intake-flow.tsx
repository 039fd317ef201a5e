import type { IntakeFlow } from '../../../../../server/modules/intake/flood/flood-mode.contract.ts';
import { formatTime, t } from '../../../lib/i18n.ts';

/**
 * Flood mode's effect, live: per minute of the last quarter hour, the reports the network stored
 * and those the limits held back, newest first, as numbers and as bars. Counts only.
 */
export function IntakeFlowTable(props: { flow: IntakeFlow | undefined; isFloodModeOn: boolean }) {
  const { flow } = props;
  if (!flow) return null;
  const minutes = Math.round(flow.shownMs / 60_000);
  const accepted = flow.minutes.reduce((sum, minute) => sum + minute.accepted, 0);
  const held = flow.minutes.reduce((sum, minute) => sum + minute.held, 0);
  const largest = Math.max(1, ...flow.minutes.map((minute) => minute.accepted + minute.held));
  return (
    <section
      class="intake-flow"
      id="intake-flow"
      aria-labelledby="intake-flow-title"
      data-accepted={accepted}
      data-held={held}
    >
      <h2 id="intake-flow-title">{t('crisis.flow.title')}</h2>
      <p class="hint">{t('crisis.flow.explain', { minutes })}</p>
      <p id="intake-flow-summary" aria-live="polite">
        <strong>
          {t(props.isFloodModeOn ? 'crisis.flow.summaryFloodOn' : 'crisis.flow.summaryFloodOff', {
            accepted,
            held,
            minutes,
          })}
        </strong>
      </p>
      <table class="admin-table" id="intake-flow-list">
        <thead>
          <tr>
            <th scope="col">{t('crisis.flow.minute')}</th>
            <th scope="col">{t('crisis.flow.accepted')}</th>
            <th scope="col">{t('crisis.flow.held')}</th>
            <th scope="col">{t('crisis.flow.bar')}</th>
          </tr>
        </thead>
        <tbody>
          {[...flow.minutes].reverse().map((minute) => (
            <tr key={minute.startsAt} data-accepted={minute.accepted} data-held={minute.held}>
              <th scope="row">{formatTime(minute.startsAt)}</th>
              <td>{minute.accepted}</td>
              <td>{minute.held}</td>
              <td aria-hidden="true">
                <span class="flow-bar">
                  <span class="flow-accepted" style={{ width: `${(100 * minute.accepted) / largest}%` }} />
                  <span class="flow-held" style={{ width: `${(100 * minute.held) / largest}%` }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
