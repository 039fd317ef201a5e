import { useState } from 'preact/hooks';
import { t } from '../../../lib/i18n.ts';
import { listOf } from '../../../lib/list-of.ts';
import type { Action } from '../../../lib/use-action.ts';
import { createWatchShift } from '../api/watch.ts';
import type { WatchRole, WatchSiteView } from '../api/types.ts';

/** The roles a shift may ask for (the server's list, held to it by the compiler). */
export const watchRoleChoices = listOf<WatchRole>()(['observer', 'livestreamer', 'kyr_handout', 'lead']);
/** RFC 5545 weekday codes, Monday first. */
const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function NumberField(props: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onInput: (value: number) => void;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={props.min}
        max={props.max}
        value={props.value}
        onInput={(event) => props.onInput(Number(event.currentTarget.value))}
      />
    </>
  );
}

/** A weekly (or every-n-weeks) shift at a site, in the network's time zone. */
export function ShiftForm(props: {
  sites: WatchSiteView[];
  today: string;
  action: Action;
  onSaved: () => void;
}) {
  const [siteId, setSiteId] = useState(props.sites[0]?.id ?? '');
  const [weekday, setWeekday] = useState<(typeof weekdays)[number]>('MO');
  const [interval, setInterval] = useState(1);
  const [startsOn, setStartsOn] = useState(props.today);
  const [start, setStart] = useState('08:00');
  const [hours, setHours] = useState(4);
  const [minVolunteers, setMin] = useState(2);
  const [targetVolunteers, setTarget] = useState(3);
  const [roles, setRoles] = useState<WatchRole[]>(['observer', 'lead']);
  const toggle = (role: WatchRole) =>
    setRoles(roles.includes(role) ? roles.filter((value) => value !== role) : [...roles, role]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const recurrenceRule = `FREQ=WEEKLY;INTERVAL=${interval};BYDAY=${weekday}`;
    const body = {
      siteId,
      startsOn,
      start,
      durationMinutes: hours * 60,
      recurrenceRule,
      minVolunteers,
      targetVolunteers,
      roles,
    };
    if (await props.action.succeeds(() => createWatchShift(body), { done: 'watch.shiftSaved' }))
      props.onSaved();
  };
  return (
    <form id="watch-shift-form" class="settings-form" onSubmit={(event) => void submit(event)}>
      <h2>{t('watch.addShift')}</h2>
      <label for="watch-shift-site">{t('watch.site')}</label>
      <select id="watch-shift-site" value={siteId} onChange={(event) => setSiteId(event.currentTarget.value)}>
        {props.sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
      <label for="watch-shift-weekday">{t('watch.weekday')}</label>
      <select
        id="watch-shift-weekday"
        value={weekday}
        onChange={(event) => setWeekday(event.currentTarget.value as (typeof weekdays)[number])}
      >
        {weekdays.map((day) => (
          <option key={day} value={day}>
            {t(`watch.weekday.${day}`)}
          </option>
        ))}
      </select>
      <NumberField
        id="watch-shift-interval"
        label={t('watch.everyWeeks')}
        value={interval}
        min={1}
        max={8}
        onInput={setInterval}
      />
      <label for="watch-shift-from">{t('watch.startsOn')}</label>
      <input
        id="watch-shift-from"
        type="date"
        value={startsOn}
        onInput={(event) => setStartsOn(event.currentTarget.value)}
      />
      <label for="watch-shift-start">{t('watch.start')}</label>
      <input
        id="watch-shift-start"
        type="time"
        value={start}
        onInput={(event) => setStart(event.currentTarget.value)}
      />
      <NumberField
        id="watch-shift-hours"
        label={t('watch.hours')}
        value={hours}
        min={1}
        max={12}
        onInput={setHours}
      />
      <NumberField
        id="watch-shift-min"
        label={t('watch.minVolunteers')}
        value={minVolunteers}
        min={1}
        max={50}
        onInput={setMin}
      />
      <NumberField
        id="watch-shift-target"
        label={t('watch.targetVolunteers')}
        value={targetVolunteers}
        min={1}
        max={50}
        onInput={setTarget}
      />
      <fieldset>
        <legend>{t('watch.roles')}</legend>
        {watchRoleChoices.map((role) => (
          <label key={role} class="checkbox">
            <input
              type="checkbox"
              name="roles"
              value={role}
              checked={roles.includes(role)}
              onChange={() => toggle(role)}
            />{' '}
            {t(`watch.role.${role}`)}
          </label>
        ))}
      </fieldset>
      <button
        type="submit"
        class="button"
        disabled={props.action.isBusy || siteId === '' || roles.length === 0}
      >
        {t('watch.saveShift')}
      </button>
    </form>
  );
}
