import type { APIEmbed } from 'discord.js';

/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const limits = {
  content: 2000,
  embedsPerMessage: 10,
  /** Sum over a message's embeds of titles, descriptions, field names and values, footers and authors. */
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectLabel: 100,
  /** Interaction messages: `nonce` is at most 25 characters. */
  nonce: 25,
} as const;

/** The characters of an embed that count toward the 6,000 of a message, as Discord counts them. */
export function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  size += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}
