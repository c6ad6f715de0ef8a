import type { Reply } from '../core/reply.js';
import type { ChatAddress, Digest, PlatformName, RenderedPart } from '../core/types.js';

/** What a platform answered to one send. */
export type SendOutcome =
  | { readonly ok: true; readonly messageId: string }
  /** Try the same part again after the wait (429, 5xx, network). */
  | {
      readonly ok: false;
      readonly kind: 'retry';
      readonly retryAfterMs: number | null;
      readonly reason: string;
    }
  /** The chat cannot receive messages (blocked, kicked, deleted): pause its subscriptions. */
  | { readonly ok: false; readonly kind: 'gone'; readonly reason: string }
  /** The platform refused Gazette's credentials (401): pause the platform, spend no attempts. */
  | { readonly ok: false; readonly kind: 'unauthorized'; readonly reason: string }
  /** The part itself was refused (a bug in rendering): give up on this digest. */
  | { readonly ok: false; readonly kind: 'rejected'; readonly reason: string };

/**
 * One messaging platform. Rendering is pure and respects the platform's limits; sending reports
 * what happened instead of throwing, so delivery can decide between retrying and pausing.
 */
export interface Platform {
  readonly name: PlatformName;
  /** How many leading stories of a digest may show a picture; absent means none. */
  readonly picturesShown?: number;
  /** Splits a digest into messages, each within the platform's limits; never cuts a story unless it alone is too long. */
  renderDigest(digest: Digest): RenderedPart[];
  /** Sends one rendered part. */
  send(address: ChatAddress, part: RenderedPart): Promise<SendOutcome>;
  /**
   * Rewrites a message sent before with a rendered part (a live story an outlet joined). Doing it
   * twice leaves the same message, so an edit repeated after a crash is harmless.
   */
  edit(address: ChatAddress, messageId: string, part: RenderedPart): Promise<SendOutcome>;
  /** Sends a notice that is not part of a digest (e.g. a feed was disabled). */
  notify(address: ChatAddress, notice: Reply): Promise<SendOutcome>;
  /** Whether the platform is connected and taking updates now (for /healthz); absent means always. */
  connected?(): boolean;
  /** Connects and starts taking commands. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
