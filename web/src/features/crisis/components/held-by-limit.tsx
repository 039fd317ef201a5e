import type { HeldByLimit } from '../../../../../server/modules/intake/flood/flood-mode.contract.ts';
import { formatTime, t } from '../../../lib/i18n.ts';

/**
 * What the intake limits held back for this network in the last minutes, minute by minute and by
 * what held it (one source, one place, the network's budget), so a coordinator can see a flood and
 * decide on flood mode. Counts only: nothing about who sent the reports.
 */
export function HeldByLimitTable(props: { held: HeldByLimit | undefined }) {
  const { held } = props;
  if (!held) return null;
  const minutes = Math.round(held.shownMs / 60_000);
  const total = held.minutes.reduce((sum, minute) => sum + minute.total, 0);
  return (
    <section
      class="held-by-limit"
      id="held-by-limit"
      aria-labelledby="held-by-limit-title"
      data-total={total}
    >
      <h2 id="held-by-limit-title">{t('crisis.held.title')}</h2>
      <p class="hint">{t('crisis.held.explain', { minutes })}</p>
      {held.minutes.length === 0 ? (
        <p id="held-by-limit-none">{t('crisis.held.none', { minutes })}</p>
      ) : (
        <table class="admin-table" id="held-by-limit-list">
          <thead>
            <tr>
              <th scope="col">{t('crisis.held.minute')}</th>
              <th scope="col">{t('crisis.held.total')}</th>
              <th scope="col">{t('crisis.held.bySource')}</th>
              <th scope="col">{t('crisis.held.byPlace')}</th>
              <th scope="col">{t('crisis.held.byBudget')}</th>
            </tr>
          </thead>
          <tbody>
            {held.minutes.map((minute) => (
              <tr key={minute.startsAt} data-total={minute.total}>
                <th scope="row">{formatTime(minute.startsAt)}</th>
                <td>{minute.total}</td>
                <td>{minute.bySource}</td>
                <td>{minute.byPlace}</td>
                <td>{minute.byBudget}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
