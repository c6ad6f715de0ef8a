import {
  MessageFlags,
  type AttachmentPayload,
  type MessageActionRowComponentData,
  type ActionRowData,
  type RepliableInteraction,
} from 'discord.js';
import type { Reply } from '../../core/reply.js';
import type { ActionRow } from './components.js';
import { renderDiscordReply } from './render-reply.js';

/** How long an answer may take before the interaction is deferred; Discord allows 3 s in all. */
export const DEFER_AFTER_MS = 1_000;

type Rows = ActionRowData<MessageActionRowComponentData>[];

function filesOf(reply: Reply): AttachmentPayload[] {
  return reply.file ? [{ attachment: Buffer.from(reply.file.content, 'utf8'), name: reply.file.name }] : [];
}

/** discord.js takes API-shaped rows as they are; its builders' types are stricter than the API's. */
const rowsOf = (rows: readonly ActionRow[]): Rows => rows as unknown as Rows;

/** Sends a reply to an interaction that was answered at once, or deferred (`deferred`). */
async function send(interaction: RepliableInteraction, reply: Reply, deferred: boolean): Promise<void> {
  const rendered = renderDiscordReply(reply);
  const [first = '\u200b', ...rest] = rendered.chunks;
  const ephemeral = rendered.ephemeral || interaction.isMessageComponent();
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const base = { allowedMentions: { parse: [] }, files: filesOf(reply) };
  const components = rowsOf(rendered.components);
  if (!deferred) {
    await interaction.reply({ ...base, content: first, components, ...(flags ? { flags } : {}) });
  } else if (ephemeral && !interaction.ephemeral) {
    // A public "thinking…" cannot become private: replace it with a private follow-up.
    await interaction.deleteReply();
    await interaction.followUp({ ...base, content: first, components, flags: MessageFlags.Ephemeral });
  } else {
    await interaction.editReply({ ...base, content: first, components });
  }
  for (const content of rest) {
    await interaction.followUp({ content, allowedMentions: { parse: [] }, ...(flags ? { flags } : {}) });
  }
}

/**
 * Acknowledges within Discord's deadline: answers at once when the work is done in time, else
 * defers (the user sees "thinking…") and edits the answer in when it is ready.
 */
export async function answer(
  interaction: RepliableInteraction,
  work: Promise<Reply>,
  deferAfterMs = DEFER_AFTER_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => {
      resolve(null);
    }, deferAfterMs);
  });
  const early = await Promise.race([work, late]);
  clearTimeout(timer);
  if (early !== null) {
    await send(interaction, early, false);
    return;
  }
  // Component presses confirm privately; a command's answer is for the channel unless it says otherwise.
  await interaction.deferReply(interaction.isMessageComponent() ? { flags: MessageFlags.Ephemeral } : {});
  await send(interaction, await work, true);
}
