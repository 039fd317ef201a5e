/**
 * A small RFC 5545 writer for the watch feed: CRLF line ends, lines folded at 75 octets, TEXT
 * values escaped, times in UTC. Parsed back with ical.js in the tests.
 */
export interface CalendarEvent {
  uid: string;
  startsAt: number;
  endsAt: number;
  summary: string;
  description: string;
  isTentative: boolean;
  url: string;
}

const encoder = new TextEncoder();

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function utc(at: number): string {
  return new Date(at)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Folds a content line into chunks of at most 75 octets, never splitting a character. */
function fold(line: string): string {
  const chunks: string[] = [];
  let current = '';
  for (const character of line) {
    const limit = chunks.length === 0 ? 75 : 74;
    if (encoder.encode(current + character).length > limit) {
      chunks.push(current);
      current = character;
    } else current += character;
  }
  chunks.push(current);
  return chunks.join('\r\n ');
}

export function renderCalendar(input: {
  name: string;
  now: number;
  events: readonly CalendarEvent[];
}): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Amparo//Watch shifts//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(input.name)}`,
  ];
  for (const event of input.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utc(input.now)}`,
      `DTSTART:${utc(event.startsAt)}`,
      `DTEND:${utc(event.endsAt)}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `STATUS:${event.isTentative ? 'TENTATIVE' : 'CONFIRMED'}`,
      `URL:${event.url}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
