import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { formatSlot } from '../src/core/time-format.js';

export default defineCommand({
  name: 'schedule',
  description: 'When digests are posted: a preset or a cron expression, and a time zone',
  permission: 'manager',
  options: [
    {
      name: 'when',
      description: 'hourly, every-3-hours, daily-08:00, weekdays-08:00, weekly, or cron "0 8 * * *"',
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
  ],
  async run({ chat, args, services, now }) {
    const outcome = await services.setSchedule(
      chat,
      stringArg(args, 'when') ?? '',
      stringArg(args, 'timezone') ?? null,
      now,
    );
    return reply.ok([
      ['Digests ', { strong: outcome.description }, ` (${outcome.timezone}).`],
      `Next: ${outcome.next.map((t) => formatSlot(t, outcome.timezone)).join(' · ')}`,
    ]);
  },
});
