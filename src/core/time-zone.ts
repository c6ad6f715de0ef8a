let known: ReadonlyMap<string, string> | null = null;

/** The runtime's zone names by their lower-case spelling. */
function knownZones(): ReadonlyMap<string, string> {
  known ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  return known;
}

function acceptedByIntl(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `asia/kolkata` → `Asia/Kolkata`, `us/eastern` → `US/Eastern`, `etc/utc` → `Etc/UTC`. */
function titleCase(zone: string): string {
  return zone
    .split('/')
    .map((segment) => {
      if (segment === 'etc') return 'Etc';
      // Whole short segments are abbreviations (UTC, GMT, US); longer ones are place names.
      if (/^[a-z]{2,3}$/.test(segment)) return segment.toUpperCase();
      return segment.replace(
        /(^|[_-])([a-z])/g,
        (_, sep: string, letter: string) => sep + letter.toUpperCase(),
      );
    })
    .join('/');
}

/**
 * The IANA time zone `text` names, spelled the way the zone database spells it
 * (`america/new_york` → `America/New_York`); null when it names no zone this runtime knows.
 */
export function canonicalTimeZone(text: string): string | null {
  const zone = text.trim();
  if (zone === '' || zone.length > 64 || !acceptedByIntl(zone)) return null;
  const listed = knownZones().get(zone.toLowerCase());
  if (listed !== undefined) return listed;
  // Links the runtime's list leaves out (Asia/Kolkata, UTC, US/Eastern): kept as written when
  // written with capitals, given the database's usual capitals when typed in lower case.
  return zone === zone.toLowerCase() ? titleCase(zone) : zone;
}
