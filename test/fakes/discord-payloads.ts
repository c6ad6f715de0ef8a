import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  GuildMemberFlags,
  InteractionType,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIAttachment,
  type APIGuildTextChannel,
  type APIGuildMember,
  type APIMessage,
  type APIRole,
  type APIThreadChannel,
  type APIUser,
} from 'discord-api-types/v10';

let counter = 0;
/** A fresh snowflake-shaped id: Discord epoch milliseconds shifted, plus a counter. */
export function snowflake(): string {
  counter = (counter + 1) % 4096;
  return ((BigInt(Date.now() - 1_420_070_400_000) << 22n) | BigInt(counter)).toString();
}

/** The bot's own ids, shared by the fake gateway and REST. */
export const BOT = { id: '100000000000000001', applicationId: '100000000000000002', token: 'fake-token' };

/** Permission bits the tests use. */
export const perms = {
  member: (1n << 10n) | (1n << 11n), // View Channel, Send Messages
  manager: (1n << 10n) | (1n << 11n) | (1n << 4n), // plus Manage Channels
};

/** A text channel of the fake guild. */
export function textChannel(
  id: string,
  guildId: string,
  name: string,
): APIGuildTextChannel<ChannelType.GuildText> {
  return {
    id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
  };
}

/** A user of the fake guild. */
export function user(id: string, name: string): APIUser {
  return { id, username: name, discriminator: '0', global_name: name, avatar: null };
}

function member(u: APIUser, permissions: bigint): APIGuildMember & { permissions: string } {
  return {
    user: u,
    roles: [],
    joined_at: new Date(0).toISOString(),
    deaf: false,
    mute: false,
    flags: GuildMemberFlags.CompletedOnboarding,
    permissions: permissions.toString(),
  };
}

/** Who acts and where. */
export interface Actor {
  readonly guildId: string;
  readonly channel: APIGuildTextChannel<ChannelType.GuildText> | APIThreadChannel;
  readonly user: APIUser;
  readonly permissions: bigint;
}

function base(actor: Actor, type: InteractionType) {
  return {
    id: snowflake(),
    token: `itoken-${snowflake()}`,
    application_id: BOT.applicationId,
    type,
    version: 1,
    guild_id: actor.guildId,
    channel: actor.channel,
    channel_id: actor.channel.id,
    member: member(actor.user, actor.permissions),
    app_permissions: perms.manager.toString(),
    locale: 'en-GB',
    guild_locale: 'en-GB',
    entitlements: [],
    authorizing_integration_owners: { '0': actor.guildId },
    context: 0,
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

/** A slash command interaction; `focused` makes it an autocomplete request for that option. */
export function commandInteraction(
  actor: Actor,
  name: string,
  options: Record<string, string>,
  extra: {
    focused?: string;
    attachments?: Record<string, APIAttachment>;
    roles?: Record<string, APIRole>;
  } = {},
) {
  const opts: (APIApplicationCommandInteractionDataBasicOption & { focused?: boolean })[] = [];
  for (const [key, value] of Object.entries(options)) {
    opts.push({
      name: key,
      type: ApplicationCommandOptionType.String,
      value,
      ...(extra.focused === key ? { focused: true } : {}),
    });
  }
  for (const [key, role] of Object.entries(extra.roles ?? {})) {
    opts.push({ name: key, type: ApplicationCommandOptionType.Role, value: role.id });
  }
  for (const [key, attachment] of Object.entries(extra.attachments ?? {})) {
    opts.push({ name: key, type: ApplicationCommandOptionType.Attachment, value: attachment.id });
  }
  const type =
    extra.focused === undefined
      ? InteractionType.ApplicationCommand
      : InteractionType.ApplicationCommandAutocomplete;
  return {
    ...base(actor, type),
    data: {
      id: snowflake(),
      name,
      type: ApplicationCommandType.ChatInput,
      options: opts,
      ...(extra.attachments
        ? {
            resolved: {
              attachments: Object.fromEntries(Object.values(extra.attachments).map((a) => [a.id, a])),
            },
          }
        : {}),
      ...(extra.roles
        ? { resolved: { roles: Object.fromEntries(Object.values(extra.roles).map((r) => [r.id, r])) } }
        : {}),
    },
  };
}

/** A button press or select-menu pick under a message the bot posted. */
export function componentInteraction(actor: Actor, message: APIMessage, customId: string, values?: string[]) {
  return {
    ...base(actor, InteractionType.MessageComponent),
    message,
    data:
      values === undefined
        ? { custom_id: customId, component_type: ComponentType.Button }
        : { custom_id: customId, component_type: ComponentType.StringSelect, values },
  };
}
