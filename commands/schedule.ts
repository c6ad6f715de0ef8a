import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import type { LiveOutcome } from '../src/core/services.js';
import { formatSlot } from '../src/core/time-format.js';

export default defineCommand({
  name: 'schedule',
  description: 'When stories are posted: a digest preset or cron, live, or a breaking lane',
  permission: 'manager',
  options: [
    {
      name: 'when',
      description: 'daily-08:00, hourly, cron "0 8 * * *", live, or breaking <outlets> <window>',
      type: 'string',
      required: true,
      maxLength: 100,
      autocomplete: 'schedule-presets',
      // Typed unquoted, a cron expression is five words; the service finds a zone after it.
      rest: true,
    },
    {
      name: 'timezone',
      description: 'IANA time zone, e.g. Europe/Berlin',
      type: 'string',
      required: false,
      maxLength: 64,
      autocomplete: 'timezones',
    },
  ],
  examples: [
    '/schedule daily-08:00 Europe/Berlin',
    '/schedule 30 7 * * 1-5 America/New_York',
    '/schedule hourly',
    '/schedule live',
    '/schedule breaking 5 30m',
  ],
  async run({ chat, args, services, now }) {
    const when = stringArg(args, 'when') ?? '';
    const live = await services.setLiveMode(chat, when, now);
    if (live !== null) return reply.ok(liveLines(live));
    const outcome = await services.setSchedule(chat, when, stringArg(args, 'timezone') ?? null, now);
    return reply.ok([
      ['Digests ', { strong: outcome.description }, ` (${outcome.timezone}).`],
      `Next: ${outcome.next.map((t) => formatSlot(t, outcome.timezone, now)).join(' · ')}`,
    ]);
  },
});

/** What the chat now gets, and how to go back. */
function liveLines(outcome: LiveOutcome): string[] {
  if (outcome.kind === 'live') {
    return [
      'Live: each new story is posted here as soon as it is read, once; an outlet that reports it later updates that message.',
      'A schedule such as /schedule daily-08:00 goes back to digests.',
    ];
  }
  if (outcome.lane === null) return ['Breaking lane off: stories wait for the digest.'];
  const { outlets, windowMs } = outcome.lane;
  return [
    `Breaking lane on: a story that ${outlets} outlets report within ${spanOf(windowMs)} is posted at once; the rest wait for the digest.`,
    ...(outcome.whileLive
      ? ['This chat is live now; the lane applies once it is back on a digest schedule.']
      : []),
    '/schedule breaking off turns it off.',
  ];
}

/** `30 minutes`, `2 hours`, `1 hour 30 minutes`. */
function spanOf(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (hours === 0) return unit(rest, 'minute');
  return rest === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(rest, 'minute')}`;
}
