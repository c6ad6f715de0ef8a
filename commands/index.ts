import type { CommandDefinition } from '../src/core/command.js';
import catalog from './catalog.js';
import digest from './digest.js';
import exportCommand from './export.js';
import feeds from './feeds.js';
import filter from './filter.js';
import help from './help.js';
import images from './images.js';
import importCommand from './import.js';
import mute from './mute.js';
import pause from './pause.js';
import ping from './ping.js';
import rename from './rename.js';
import resume from './resume.js';
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
  rename,
  pause,
  resume,
  digest,
  topics,
  mute,
  unmute,
  filter,
  schedule,
  images,
  ping,
  importCommand,
  exportCommand,
  help,
];
