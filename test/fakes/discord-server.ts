import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { json, readBody, type RecordedRequest } from './discord-http.js';
import type { AddressInfo } from 'node:net';
import {
  GatewayDispatchEvents,
  MessageType,
  type APIMessage,
  type APIThreadChannel,
} from 'discord-api-types/v10';
import { startGateway, type FakeGateway, type FakeGuild } from './discord-gateway.js';
import { limitViolations, type MessageBody } from './discord-limits.js';
import { BOT, snowflake, textChannel } from './discord-payloads.js';
import { forumChannel, role, threadChannel } from './discord-places.js';

/** A scripted answer for the next request that matches. */
export interface ScriptedFailure {
  readonly match: (request: RecordedRequest) => boolean;
  /** An HTTP answer, or `drop-after-create`: create the message, then cut the connection. */
  readonly respond: { status: number; body: object; headers?: Record<string, string> } | 'drop-after-create';
}

/** What a test sees of one interaction: every response the bot made to it, in order. */
export interface InteractionRecord {
  readonly id: string;
  readonly token: string;
  readonly sentAt: number;
  readonly responses: {
    kind: 'callback' | 'edit' | 'followup' | 'delete';
    type?: number;
    data: MessageBody;
    files: RecordedRequest['files'];
    at: number;
  }[];
}

/** A channel message the fake created. */
export interface CreatedMessage {
  readonly message: APIMessage;
  readonly body: MessageBody;
  readonly at: number;
  /** How many times the bot edited it; `body` is then the last edit's. */
  readonly edits?: number;
}

/** A local Discord: REST under `/api/v10` and a gateway, recording everything. */
export interface FakeDiscord {
  readonly apiUrl: string;
  readonly base: string;
  readonly guild: FakeGuild;
  readonly gateway: FakeGateway;
  readonly requests: RecordedRequest[];
  readonly messages: CreatedMessage[];
  readonly script: ScriptedFailure[];
  readonly interactions: Map<string, InteractionRecord>;
  /** Channels that answer 403 Missing Access. */
  readonly forbidden: Set<string>;
  /** Files served at `${base}/attachments/<name>`. */
  readonly files: Map<string, string>;
  /** Commands registered per scope (`global` or a guild id). */
  readonly registered: Map<string, { name: string }[]>;
  /** Posts opened in the forum, in order. */
  readonly posts: { thread: APIThreadChannel; name: string }[];
  /** 429s the global limit produced. */
  globalLimited: number;
  /** Sends an interaction through the gateway and returns its record. */
  interact(payload: { id: string; token: string }): InteractionRecord;
  close(): Promise<void>;
}

/** Options of the fake; `globalLimit` enforces N bot requests per sliding second. */
export interface FakeDiscordOptions {
  readonly globalLimit?: number | null;
  readonly channels?: number;
  /** Time each REST answer waits after the request took effect: the network's round trip. */
  readonly latencyMs?: number;
}

/** Starts the fake on 127.0.0.1 with a guild of `channels` text channels (ids in `guild.channels`). */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const guildId = snowflake();
  const channels = Array.from({ length: options.channels ?? 4 }, (_, i) =>
    textChannel(snowflake(), guildId, `news-${i}`),
  );
  const forum = forumChannel(snowflake(), guildId, 'digests');
  const guild: FakeGuild = {
    id: guildId,
    name: 'Fake Guild',
    systemChannelId: channels[0]?.id ?? null,
    channels,
    forum,
    thread: threadChannel(snowflake(), guildId, channels[0]?.id ?? '', 'news thread'),
    forumPost: threadChannel(snowflake(), guildId, forum.id, 'about the digests'),
    roles: [role(guildId, '@everyone'), role(snowflake(), 'Sport fans')],
  };
  const known = new Set([...channels.map((c) => c.id), guild.thread.id, guild.forumPost.id]);
  const byNonce = new Map<string, APIMessage>();
  const recentBotRequests: number[] = [];
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const gateway = startGateway(server, () => `ws://127.0.0.1:${port}/gateway`, guild);

  const fake: FakeDiscord = {
    apiUrl: `${base}/api`,
    base,
    guild,
    gateway,
    requests: [],
    messages: [],
    script: [],
    interactions: new Map(),
    forbidden: new Set(),
    files: new Map(),
    registered: new Map(),
    posts: [],
    globalLimited: 0,
    interact(payload) {
      const record: InteractionRecord = {
        id: payload.id,
        token: payload.token,
        sentAt: performance.now(),
        responses: [],
      };
      fake.interactions.set(payload.token, record);
      gateway.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
      return record;
    },
    close: async () => {
      gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    },
  };

  const messageOf = (channelId: string, body: MessageBody): APIMessage => {
    // The bot's own body echoed back; its loose component and flag numbers are Discord's as sent.
    const echoed: unknown = { components: body.components ?? [], flags: body.flags ?? 0 };
    return {
      ...(echoed as Pick<APIMessage, 'components' | 'flags'>),
      id: snowflake(),
      channel_id: channelId,
      type: MessageType.Default,
      content: body.content ?? '',
      embeds: body.embeds ?? [],
      author: {
        id: BOT.id,
        username: 'Gazette',
        discriminator: '0',
        global_name: null,
        avatar: null,
        bot: true,
      },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      pinned: false,
    };
  };

  const createMessage = (channelId: string, body: MessageBody): APIMessage => {
    const key = body.nonce === undefined ? null : `${channelId}:${String(body.nonce)}`;
    const seen = key === null ? undefined : byNonce.get(key);
    if (seen && body.enforce_nonce === true) return seen;
    const message = messageOf(channelId, body);
    if (key !== null) byNonce.set(key, message);
    fake.messages.push({ message, body, at: performance.now() });
    return message;
  };

  const overGlobal = (): boolean => {
    if (!options.globalLimit) return false;
    const now = performance.now();
    while (recentBotRequests.length > 0 && (recentBotRequests[0] ?? 0) <= now - 1000)
      recentBotRequests.shift();
    if (recentBotRequests.length >= options.globalLimit) return true;
    recentBotRequests.push(now);
    return false;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/attachments/')) {
      const content = fake.files.get(decodeURIComponent(url.pathname.slice('/attachments/'.length)));
      if (content === undefined) res.writeHead(404).end();
      else res.writeHead(200, { 'content-type': 'text/xml' }).end(content);
      return;
    }
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v\d+/, ''));
    const parsed = await readBody(req);
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      auth: req.headers.authorization ?? null,
      ...parsed,
      at: performance.now(),
      status: 0,
    };
    fake.requests.push(request);
    if (options.latencyMs) {
      // The request takes effect now; only its answer is late, as across a network.
      const held = { writeHead: res.writeHead.bind(res), end: res.end.bind(res) };
      const late = new Promise<void>((resolve) => setTimeout(resolve, options.latencyMs));
      res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
        void late.then(() => held.writeHead(...args));
        return res;
      }) as typeof res.writeHead;
      res.end = ((...args: Parameters<typeof res.end>) => {
        void late.then(() => held.end(...args));
        return res;
      }) as typeof res.end;
    }
    request.status = route(request, res);
  }

  function route(request: RecordedRequest, res: ServerResponse): number {
    const { method, path, body } = request;
    const interaction = /^\/(?:interactions\/\d+|webhooks\/\d+)\/([^/]+)/.exec(path);
    if (!interaction && request.auth !== `Bot ${BOT.token}`)
      return json(res, 401, { message: '401: Unauthorized', code: 0 });
    if (!interaction && overGlobal()) {
      fake.globalLimited++;
      return json(
        res,
        429,
        { message: 'You are being rate limited.', retry_after: 1, global: true },
        { 'retry-after': '1', 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
      );
    }
    const scripted = fake.script.findIndex((s) => s.match(request));
    const failure = scripted >= 0 ? fake.script.splice(scripted, 1)[0] : undefined;
    if (failure && failure.respond !== 'drop-after-create')
      return json(res, failure.respond.status, failure.respond.body, failure.respond.headers);
    if (method === 'GET' && path === '/gateway/bot') {
      return json(res, 200, {
        url: `ws://127.0.0.1:${new URL(base).port}/gateway`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    const commands = /^\/applications\/\d+(?:\/guilds\/(\d+))?\/commands$/.exec(path);
    if (commands && method === 'PUT') {
      const list = (body as unknown as { name: string }[]).map((c) => ({
        ...c,
        id: snowflake(),
        application_id: BOT.applicationId,
        version: '1',
      }));
      fake.registered.set(commands[1] ?? 'global', list);
      return json(res, 200, list);
    }
    const channel = /^\/channels\/(\d+)\/messages$/.exec(path)?.[1];
    if (channel !== undefined && method === 'POST') {
      if (!known.has(channel)) return json(res, 404, { message: 'Unknown Channel', code: 10003 });
      if (fake.forbidden.has(channel)) return json(res, 403, { message: 'Missing Access', code: 50001 });
      const problems = limitViolations(body);
      if (problems.length > 0)
        return json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      const message = createMessage(channel, body);
      if (failure?.respond === 'drop-after-create') {
        res.socket?.destroy();
        return -1;
      }
      return json(res, 200, message);
    }
    const edited = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (edited !== null && method === 'PATCH') {
      const index = fake.messages.findIndex(
        (m) => m.message.channel_id === edited[1] && m.message.id === edited[2],
      );
      const original = fake.messages[index];
      if (original === undefined) return json(res, 404, { message: 'Unknown Message', code: 10008 });
      const problems = limitViolations(body);
      if (problems.length > 0)
        return json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      const message = { ...original.message, ...messageOf(edited[1] ?? '', body), id: original.message.id };
      fake.messages[index] = { message, body, at: performance.now(), edits: (original.edits ?? 0) + 1 };
      return json(res, 200, { ...message, edited_timestamp: new Date().toISOString() });
    }
    const forumId = /^\/channels\/(\d+)\/threads$/.exec(path)?.[1];
    if (forumId !== undefined && method === 'POST') return openPost(forumId, request, res);
    if (method === 'GET' && path === `/guilds/${guildId}/roles`) return json(res, 200, guild.roles);
    if (interaction) return answerInteraction(request, res, interaction[1] ?? '');
    return json(res, 404, { message: '404: Not Found', code: 0 });
  }

  /** A forum post: a thread named by the body, its first message the body's `message`. */
  function openPost(forumId: string, request: RecordedRequest, res: ServerResponse): number {
    if (forumId !== forum.id) return json(res, 400, { message: 'Cannot create a post here', code: 50008 });
    const { name, message } = request.body as { name?: unknown; message?: MessageBody };
    if (typeof name !== 'string' || name.length < 1 || name.length > 100 || message === undefined)
      return json(res, 400, { message: 'Invalid Form Body', code: 50035 });
    const problems = limitViolations(message);
    if (problems.length > 0)
      return json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
    const thread = threadChannel(snowflake(), guildId, forumId, name);
    known.add(thread.id);
    fake.posts.push({ thread, name });
    const first = createMessage(thread.id, message);
    return json(res, 201, { ...thread, message: first });
  }

  function answerInteraction(request: RecordedRequest, res: ServerResponse, token: string): number {
    const record = fake.interactions.get(token);
    if (!record) return json(res, 404, { message: 'Unknown Webhook', code: 10015 });
    const { method, path, body, files } = request;
    const push = (
      kind: InteractionRecord['responses'][number]['kind'],
      data: MessageBody,
      type?: number,
    ): void => {
      record.responses.push({
        kind,
        data,
        files,
        at: performance.now(),
        ...(type === undefined ? {} : { type }),
      });
    };
    if (path.endsWith('/callback')) {
      const callback = body as { type: number; data?: MessageBody };
      const problems =
        callback.data && files.length === 0 && callback.type === 4 ? limitViolations(callback.data) : [];
      if (problems.length > 0)
        return json(res, 400, { message: 'Invalid Form Body', code: 50035, errors: problems });
      push('callback', callback.data ?? {}, callback.type);
      return json(res, 204, null);
    }
    if (path.endsWith('/messages/@original')) {
      if (method === 'DELETE') {
        push('delete', {});
        return json(res, 204, null);
      }
      push('edit', body);
      return json(res, 200, messageOf('0', body));
    }
    push('followup', body);
    return json(res, 200, messageOf('0', body));
  }

  return fake;
}

export { until, type RecordedRequest } from './discord-http.js';
