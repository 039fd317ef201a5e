import { currentLanguage } from '../../../lib/i18n.ts';

/** A shift's day and hours on the network's clocks ("Tue 27 Oct, 09:00–13:00"). */
export function occurrenceLabel(occurrence: { startsAt: number; endsAt: number }, timeZone: string): string {
  const language = currentLanguage();
  const day = new Intl.DateTimeFormat(language, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  }).format(occurrence.startsAt);
  const time = new Intl.DateTimeFormat(language, { timeZone, hour: '2-digit', minute: '2-digit' });
  return `${day}, ${time.format(occurrence.startsAt)}–${time.format(occurrence.endsAt)}`;
}

/** Today's date (YYYY-MM-DD) on the network's clocks. */
export function localToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.now());
}
