import type { Server } from 'node:http';
import {
  GatewayDispatchEvents,
  GatewayOpcodes,
  type APIRole,
  type APIThreadChannel,
} from 'discord-api-types/v10';
import { WebSocketServer, type WebSocket } from 'ws';
import { BOT, textChannel } from './discord-payloads.js';
import type { ForumChannel } from './discord-places.js';

/** The fake guild the bot is in. */
export interface FakeGuild {
  readonly id: string;
  readonly name: string;
  readonly systemChannelId: string | null;
  readonly channels: readonly ReturnType<typeof textChannel>[];
  /** A forum channel, a thread in the first text channel, and a post in the forum. */
  readonly forum: ForumChannel;
  readonly thread: APIThreadChannel;
  readonly forumPost: APIThreadChannel;
  /** @everyone (the guild's id) and one role members can be pinged by. */
  readonly roles: readonly APIRole[];
}

/** A gateway on `/gateway` of the fake's HTTP server: handshake, heartbeats, dispatches. */
export interface FakeGateway {
  /** Sockets that finished IDENTIFY. */
  readonly ready: () => number;
  dispatch(event: string, data: unknown): void;
  close(): void;
}

interface Session {
  readonly socket: WebSocket;
  seq: number;
  identified: boolean;
}

/** Starts the gateway; `url` is what `/gateway/bot` hands the client. */
export function startGateway(server: Server, url: () => string, guild: FakeGuild): FakeGateway {
  const wss = new WebSocketServer({ server, path: '/gateway' });
  const sessions = new Set<Session>();
  const send = (session: Session, payload: object): void => {
    session.socket.send(JSON.stringify(payload));
  };
  const dispatchTo = (session: Session, t: string, d: unknown): void => {
    session.seq++;
    send(session, { op: GatewayOpcodes.Dispatch, t, s: session.seq, d });
  };
  const guildCreate = {
    id: guild.id,
    name: guild.name,
    icon: null,
    owner_id: '1',
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: guild.roles,
    emojis: [],
    features: [],
    mfa_level: 0,
    system_channel_id: guild.systemChannelId,
    system_channel_flags: 0,
    rules_channel_id: null,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [],
    channels: [...guild.channels, guild.forum],
    threads: [guild.thread, guild.forumPost],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    premium_tier: 0,
    preferred_locale: 'en-US',
    nsfw_level: 0,
    stickers: [],
    soundboard_sounds: [],
  };

  wss.on('connection', (socket) => {
    const session: Session = { socket, seq: 0, identified: false };
    sessions.add(session);
    socket.on('close', () => sessions.delete(session));
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as { op: GatewayOpcodes };
      if (message.op === GatewayOpcodes.Heartbeat) send(session, { op: GatewayOpcodes.HeartbeatAck });
      else if (message.op === GatewayOpcodes.Identify) {
        session.identified = true;
        dispatchTo(session, GatewayDispatchEvents.Ready, {
          v: 10,
          user: {
            id: BOT.id,
            username: 'Gazette',
            discriminator: '0',
            bot: true,
            avatar: null,
            global_name: null,
          },
          guilds: [{ id: guild.id, unavailable: true }],
          session_id: 'fake-session',
          resume_gateway_url: url(),
          application: { id: BOT.applicationId, flags: 0 },
          shard: [0, 1],
        });
        dispatchTo(session, GatewayDispatchEvents.GuildCreate, guildCreate);
      } else if (message.op === GatewayOpcodes.Resume) {
        dispatchTo(session, GatewayDispatchEvents.Resumed, {});
      }
    });
    send(session, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: 40_000 } });
  });

  return {
    ready: () => [...sessions].filter((s) => s.identified).length,
    dispatch(event, data) {
      for (const session of sessions) if (session.identified) dispatchTo(session, event, data);
    },
    close() {
      for (const session of sessions) session.socket.terminate();
      wss.close();
    },
  };
}
