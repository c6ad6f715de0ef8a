import type { APIEmbed } from 'discord-api-types/v10';

/** A message body as the fake receives it. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: {
    type: number;
    components: { type: number; custom_id?: string; label?: string; options?: unknown[] }[];
  }[];
  allowed_mentions?: { parse?: string[]; roles?: string[] };
  nonce?: string | number;
  enforce_nonce?: boolean;
  flags?: number;
}

/** Characters of an embed counted toward 6,000, the way Discord counts them. */
export function embedChars(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Every limit of Discord's that the body breaks; empty when Discord would accept it. */
export function limitViolations(body: MessageBody): string[] {
  const problems: string[] = [];
  const embeds = body.embeds ?? [];
  if ((body.content ?? '').length > 2000) problems.push('content over 2000');
  if (embeds.length > 10) problems.push('more than 10 embeds');
  if (embeds.reduce((n, e) => n + embedChars(e), 0) > 6000) problems.push('embeds over 6000 characters');
  for (const e of embeds) {
    if ((e.title?.length ?? 0) > 256) problems.push('title over 256');
    if ((e.description?.length ?? 0) > 4096) problems.push('description over 4096');
    if ((e.footer?.text.length ?? 0) > 2048) problems.push('footer over 2048');
    if ((e.author?.name.length ?? 0) > 256) problems.push('author over 256');
    if ((e.fields ?? []).length > 25) problems.push('more than 25 fields');
    for (const f of e.fields ?? []) {
      if (f.name.length > 256 || f.name.length === 0) problems.push('bad field name');
      if (f.value.length > 1024 || f.value.length === 0) problems.push('bad field value');
    }
    if (e.url !== undefined && !/^https?:\/\/\S+$/.test(e.url)) problems.push('bad embed url');
  }
  const rows = body.components ?? [];
  if (rows.length > 5) problems.push('more than 5 rows');
  for (const row of rows) {
    if (row.components.length > 5) problems.push('more than 5 components in a row');
    for (const c of row.components) {
      if ((c.custom_id?.length ?? 0) > 100) problems.push('custom_id over 100');
      if ((c.label?.length ?? 0) > 80) problems.push('label over 80');
      if ((c.options?.length ?? 0) > 25) problems.push('more than 25 options');
    }
  }
  if (typeof body.nonce === 'string' && body.nonce.length > 25) problems.push('nonce over 25');
  if (embeds.length === 0 && (body.content ?? '') === '') problems.push('empty message');
  return problems;
}
