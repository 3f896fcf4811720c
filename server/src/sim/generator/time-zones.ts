// UTC offsets of IANA time zones, computed once per zone and UTC day through Intl and cached.
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes to add to UTC to get local time in `timeZone`, at noon UTC of the day containing `epochMs`. */
export function utcOffsetMinutes(timeZone: string, epochMs: number): number {
  const day = Math.floor(epochMs / DAY_MS);
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const cached = zone.get(day);
  if (cached !== undefined) return cached;
  const noon = day * DAY_MS + DAY_MS / 2;
  const parts = formatter(timeZone).formatToParts(new Date(noon));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  const offset = Math.round((local - noon) / 60_000);
  zone.set(day, offset);
  return offset;
}

/** The UTC instant of local midnight of the local calendar date `localDay` (days since epoch). */
export function localMidnightUtc(timeZone: string, localDay: number): number {
  const midnightAsUtc = localDay * DAY_MS;
  return midnightAsUtc - utcOffsetMinutes(timeZone, midnightAsUtc) * 60_000;
}

/** Day of week (0 = Sunday) of a local calendar day number. */
export function weekday(localDay: number): number {
  return (((localDay + 4) % 7) + 7) % 7;
}
