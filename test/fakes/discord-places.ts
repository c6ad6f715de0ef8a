import { ChannelType, type APIRole, type APIThreadChannel } from 'discord-api-types/v10';

/** A forum channel of the fake guild: no messages of its own, only posts. */
export interface ForumChannel {
  readonly id: string;
  readonly type: ChannelType.GuildForum;
  readonly guild_id: string;
  readonly name: string;
  readonly position: number;
  readonly permission_overwrites: [];
  readonly nsfw: false;
  readonly parent_id: null;
  readonly topic: null;
  readonly last_message_id: null;
  readonly rate_limit_per_user: 0;
  readonly available_tags: [];
  readonly default_reaction_emoji: null;
  readonly default_sort_order: null;
  readonly default_forum_layout: 0;
  readonly flags: 0;
  readonly default_thread_rate_limit_per_user: 0;
}

/** A forum channel of the fake guild. */
export function forumChannel(id: string, guildId: string, name: string): ForumChannel {
  return {
    id,
    type: ChannelType.GuildForum,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    available_tags: [],
    default_reaction_emoji: null,
    default_sort_order: null,
    default_forum_layout: 0,
    flags: 0,
    default_thread_rate_limit_per_user: 0,
  };
}

/** A public thread (in a text channel, or a post in a forum). */
export function threadChannel(id: string, guildId: string, parentId: string, name: string): APIThreadChannel {
  return {
    id,
    type: ChannelType.PublicThread,
    guild_id: guildId,
    parent_id: parentId,
    name,
    owner_id: '1',
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date(0).toISOString(),
      locked: false,
    },
    flags: 0,
    applied_tags: [],
    position: 0,
    permission_overwrites: [],
    nsfw: false,
  } as unknown as APIThreadChannel;
}

/** A role of a guild, as the gateway sends it (the deprecated single colour included). */
export function role(id: string, name: string): APIRole {
  const raw: unknown = {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 1,
    permissions: '0',
    managed: false,
    mentionable: true,
    flags: 0,
  };
  return raw as APIRole;
}
