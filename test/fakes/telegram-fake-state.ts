import type { Chat, ChatMember, Document, UserFromGetMe } from 'telegraf/types';

/** An error answer of the Bot API. */
export interface ApiError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { readonly retry_after?: number; readonly migrate_to_chat_id?: number };
}

/** A message the bot sent, as the fake stored it. */
export interface SentMessage {
  readonly method: 'sendMessage' | 'sendDocument';
  readonly chatId: string;
  readonly threadId: number | null;
  /** Text, or the document's caption. */
  readonly text: string;
  readonly parseMode: string | null;
  readonly keyboard: readonly (readonly { text: string; callback_data: string }[])[];
  readonly replyTo: number | null;
  readonly previewDisabled: boolean;
  readonly messageId: number;
  readonly document: { readonly filename: string; readonly content: string } | null;
  /** When it was sent, or last edited. */
  readonly at: number;
  /** How many times `editMessageText` rewrote it. */
  readonly edits?: number;
}

/** Telegram's flood limits, as the fake enforces them when asked to. */
export interface FakeLimits {
  readonly perChatMs: number;
  readonly groupPerMinute: number;
  readonly perSecond: number;
}

/** The fake's world: chats, members, files, scripted failures, and what the bot sent. */
export interface FakeState {
  readonly bot: UserFromGetMe;
  readonly sent: SentMessage[];
  readonly answers: { id: string; text: string; showAlert: boolean }[];
  /** 429s the fake answered because the bot went faster than `limits` allow. */
  tooMany: number;
  limits: FakeLimits | null;
  addChat(chat: Chat): void;
  chat(ref: string): Chat | null;
  setMember(chatId: number, userId: number, member: ChatMember): void;
  member(chatId: number, userId: number): ChatMember | null;
  /** Makes every send to the chat fail with 403, as when a user blocked the bot. */
  block(chatId: number): void;
  isBlocked(chatId: string): boolean;
  addFile(name: string, content: string): Document;
  fileContent(path: string): string | null;
  fileByid(fileId: string): { path: string; size: number } | null;
  /** After `skip` calls pass, the next `times` calls of `method` (to `chatId` when given) fail with `error`. */
  failNext(
    method: string,
    error: ApiError,
    options?: { chatId?: number; times?: number; skip?: number },
  ): void;
  takeScripted(method: string, chatId: string | null): ApiError | null;
  /** A 429 when this send would break `limits`; records the send otherwise. */
  checkLimits(chatId: string, now: number): ApiError | null;
  sentTo(chatId: number | string): SentMessage[];
  nextMessageId(chatId: string): number;
}

/** The bot the fake answers getMe with. */
export const fakeBot: UserFromGetMe = {
  id: 777000111,
  is_bot: true,
  first_name: 'Gazette',
  username: 'gazette_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/** Creates an empty world. */
export function createFakeState(): FakeState {
  const chats = new Map<string, Chat>();
  const members = new Map<string, ChatMember>();
  const files = new Map<string, { path: string; content: string }>();
  const blocked = new Set<string>();
  const scripts: { method: string; error: ApiError; chatId: string | null; times: number; skip: number }[] =
    [];
  const messageIds = new Map<string, number>();
  const recentAll: number[] = [];
  const lastInChat = new Map<string, number>();
  const recentInGroup = new Map<string, number[]>();

  const state: FakeState = {
    bot: fakeBot,
    sent: [],
    answers: [],
    tooMany: 0,
    limits: null,
    addChat(chat) {
      chats.set(String(chat.id), chat);
      const { username } = chat as { username?: string };
      if (username !== undefined) chats.set(`@${username.toLowerCase()}`, chat);
    },
    chat: (ref) => chats.get(ref.toLowerCase()) ?? null,
    setMember(chatId, userId, member) {
      members.set(`${chatId}:${userId}`, member);
    },
    member: (chatId, userId) => members.get(`${chatId}:${userId}`) ?? null,
    block(chatId) {
      blocked.add(String(chatId));
    },
    isBlocked: (chatId) => blocked.has(chatId),
    addFile(name, content) {
      const id = `file-${files.size + 1}`;
      files.set(id, { path: `documents/${id}-${name}`, content });
      return {
        file_id: id,
        file_unique_id: `u${id}`,
        file_name: name,
        file_size: Buffer.byteLength(content),
      };
    },
    fileContent: (path) => [...files.values()].find((f) => f.path === path)?.content ?? null,
    fileByid(fileId) {
      const file = files.get(fileId);
      return file ? { path: file.path, size: Buffer.byteLength(file.content) } : null;
    },
    failNext(method, error, options = {}) {
      const chatId = options.chatId === undefined ? null : String(options.chatId);
      scripts.push({ method, error, chatId, times: options.times ?? 1, skip: options.skip ?? 0 });
    },
    takeScripted(method, chatId) {
      const index = scripts.findIndex(
        (s) => s.method === method && (s.chatId === null || s.chatId === chatId),
      );
      const script = scripts[index];
      if (!script) return null;
      if (script.skip > 0) {
        script.skip--;
        return null;
      }
      if (--script.times <= 0) scripts.splice(index, 1);
      return script.error;
    },
    checkLimits(chatId, now) {
      const limits = state.limits;
      if (limits === null) return null;
      while (recentAll.length > 0 && (recentAll[0] ?? 0) <= now - 1000) recentAll.shift();
      const group = chatId.startsWith('-') ? (recentInGroup.get(chatId) ?? []) : null;
      while (group && group.length > 0 && (group[0] ?? 0) <= now - 60_000) group.shift();
      const waits: number[] = [];
      if (recentAll.length >= limits.perSecond) waits.push((recentAll[0] ?? now) + 1000 - now);
      const last = lastInChat.get(chatId);
      if (last !== undefined && now - last < limits.perChatMs) waits.push(last + limits.perChatMs - now);
      if (group && group.length >= limits.groupPerMinute) waits.push((group[0] ?? now) + 60_000 - now);
      if (waits.length > 0) {
        state.tooMany++;
        const retry = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
        return {
          error_code: 429,
          description: `Too Many Requests: retry after ${retry}`,
          parameters: { retry_after: retry },
        };
      }
      recentAll.push(now);
      lastInChat.set(chatId, now);
      if (group) {
        group.push(now);
        recentInGroup.set(chatId, group);
      }
      return null;
    },
    sentTo: (chatId) => state.sent.filter((m) => m.chatId === String(chatId)),
    nextMessageId(chatId) {
      const next = (messageIds.get(chatId) ?? 100) + 1;
      messageIds.set(chatId, next);
      return next;
    },
  };
  return state;
}
