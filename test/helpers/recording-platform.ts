import type { Reply } from '../../src/core/reply.js';
import type { ChatAddress, Digest, RenderedPart } from '../../src/core/types.js';
import type { Platform, SendOutcome } from '../../src/platforms/platform.js';

/** A platform that records what it was asked to send and answers from a script. */
export interface RecordingPlatform extends Platform {
  readonly sent: { address: ChatAddress; payload: string }[];
  readonly edits: { address: ChatAddress; messageId: string; payload: string }[];
  readonly notices: { address: ChatAddress; notice: Reply }[];
  /** Outcomes for the next sends, in order; an empty script means success. */
  readonly script: SendOutcome[];
}

/** Renders each story as its own part, so tests can count parts by stories. */
export function createRecordingPlatform(name: Platform['name'] = 'console'): RecordingPlatform {
  let counter = 0;
  const platform: RecordingPlatform = {
    name,
    sent: [],
    edits: [],
    notices: [],
    script: [],
    renderDigest(digest: Digest): RenderedPart[] {
      return digest.entries.map((entry) => ({
        payload: JSON.stringify({ storyId: entry.storyId, headline: entry.headline }),
        storyIds: [entry.storyId],
      }));
    },
    send(address, part) {
      const scripted = platform.script.shift();
      if (scripted && !scripted.ok) return Promise.resolve(scripted);
      platform.sent.push({ address, payload: part.payload });
      counter++;
      return Promise.resolve({ ok: true, messageId: `m${counter}` });
    },
    edit(address, messageId, part) {
      const scripted = platform.script.shift();
      if (scripted && !scripted.ok) return Promise.resolve(scripted);
      platform.edits.push({ address, messageId, payload: part.payload });
      return Promise.resolve({ ok: true, messageId });
    },
    notify(address, notice) {
      platform.notices.push({ address, notice });
      return Promise.resolve({ ok: true, messageId: 'notice' });
    },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
  return platform;
}
