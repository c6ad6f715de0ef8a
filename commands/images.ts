import { defineCommand, stringArg } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';

export default defineCommand({
  name: 'images',
  description: "Show or hide the stories' pictures in this chat's digests",
  permission: 'manager',
  options: [
    {
      name: 'state',
      description: 'on or off',
      type: 'string',
      required: true,
      choices: [
        { name: 'on', value: 'on' },
        { name: 'off', value: 'off' },
      ],
    },
  ],
  examples: ['/images off', '/images on'],
  async run({ chat, args, services }) {
    const on = stringArg(args, 'state') === 'on';
    const { changed } = await services.setImages(chat, on);
    const what = on ? 'Digests show the top stories’ pictures.' : 'Digests show no pictures.';
    return changed
      ? reply.ok([what])
      : reply.info([`Nothing changed: ${what.charAt(0).toLowerCase()}${what.slice(1)}`]);
  },
});
