import type { ChatAddress } from './types.js';

/**
 * What a chat that follows nothing is told. A forum topic has feeds of its own, so one with none
 * says so, or a group whose other topics follow feeds would read "This chat follows no feeds".
 */
export function noFeedsText(chat: ChatAddress): string {
  const where =
    chat.threadId === ''
      ? 'This chat follows no feeds yet.'
      : 'This topic follows no feeds yet: each topic of a forum has feeds of its own.';
  return `${where} Try /subscribe technology or /subscribe <feed URL>.`;
}
