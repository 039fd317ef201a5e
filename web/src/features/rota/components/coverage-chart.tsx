import { formatTime, t } from '../../../lib/i18n.ts';
import type { AreaCoverage, RotaAnswer } from '../api/types.ts';

const dayMs = 24 * 60 * 60 * 1000;

function dayLabel(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric' });
}

/** One area and role over the next 7 days: a bar per day, runs with nobody on duty in red. */
function CoverageRow(props: { coverage: AreaCoverage; from: number }) {
  const { coverage, from } = props;
  const days = Array.from({ length: 7 }, (_, index) => from + index * dayMs);
  const name = coverage.areaName ?? t('rota.wholeNetwork');
  return (
    <tr data-area={coverage.areaId ?? 'any'} data-role={coverage.role} data-gap-minutes={coverage.gapMinutes}>
      <th scope="row">
        {name} · {t(`rota.role.${coverage.role}`)}
      </th>
      {days.map((dayStart) => (
        <td key={dayStart} class="coverage-day">
          <div class="coverage-bar">
            {coverage.segments
              .filter((segment) => segment.to > dayStart && segment.from < dayStart + dayMs)
              .map((segment) => {
                const start = Math.max(segment.from, dayStart);
                const end = Math.min(segment.to, dayStart + dayMs);
                const label = `${formatTime(start)}–${formatTime(end)}: ${t('rota.onDutyCount', { count: segment.onDuty })}`;
                return (
                  <span
                    key={start}
                    class={segment.onDuty === 0 ? 'coverage-gap' : 'coverage-covered'}
                    style={{ width: `${((end - start) / dayMs) * 100}%` }}
                    role="img"
                    title={label}
                    aria-label={label}
                  />
                );
              })}
          </div>
        </td>
      ))}
    </tr>
  );
}

/** Coverage of the next 7 days per area and role; gaps in red. */
export function CoverageChart(props: { rota: RotaAnswer }) {
  const { rota } = props;
  const days = Array.from({ length: 7 }, (_, index) => rota.from + index * dayMs);
  return (
    <table class="coverage" id="coverage">
      <caption>{t('rota.coverageCaption', { timeZone: rota.timeZone })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('rota.areaAndRole')}</th>
          {days.map((day) => (
            <th scope="col" key={day}>
              {dayLabel(day)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rota.coverage.map((coverage) => (
          <CoverageRow
            key={`${coverage.areaId ?? 'any'}-${coverage.role}`}
            coverage={coverage}
            from={rota.from}
          />
        ))}
      </tbody>
    </table>
  );
}
