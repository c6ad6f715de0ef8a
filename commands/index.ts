import type { CommandDefinition } from '../src/core/command.js';
import catalog from './catalog.js';
import digest from './digest.js';
import exportCommand from './export.js';
import feeds from './feeds.js';
import help from './help.js';
import images from './images.js';
import importCommand from './import.js';
import mute from './mute.js';
import ping from './ping.js';
import schedule from './schedule.js';
import subscribe from './subscribe.js';
import topics from './topics.js';
import unmute from './unmute.js';
import unsubscribe from './unsubscribe.js';

/** Every command, in the order help lists them. */
export const commands: readonly CommandDefinition[] = [
  subscribe,
  unsubscribe,
  catalog,
  feeds,
  digest,
  topics,
  mute,
  unmute,
  schedule,
  images,
  ping,
  importCommand,
  exportCommand,
  help,
];
