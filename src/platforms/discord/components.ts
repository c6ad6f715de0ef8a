import type { Choice } from '../../core/reply.js';
import type { Topic } from '../../core/types.js';
import { clip } from './markdown.js';
import { limits } from './limits.js';

// Discord's component numbers (ComponentType, ButtonStyle), as plain values: rendering runs
// without loading discord.js, which only the connection needs.
const ROW = 1;
const BUTTON = 2;
const STRING_SELECT = 3;
const SECONDARY = 2;

/** A button as sent in a message. */
export interface ButtonData {
  readonly type: typeof BUTTON;
  readonly style: typeof SECONDARY;
  readonly label: string;
  readonly custom_id: string;
}

/** A string select menu as sent in a message. */
export interface SelectData {
  readonly type: typeof STRING_SELECT;
  readonly custom_id: string;
  readonly placeholder: string;
  readonly min_values: number;
  readonly max_values: number;
  readonly options: readonly { label: string; value: string; description: string }[];
}

/** An action row as sent in a message. */
export interface ActionRow {
  readonly type: typeof ROW;
  readonly components: readonly (ButtonData | SelectData)[];
}

const PREFIX = 'gz';

/**
 * The custom id of a button that runs `/command value`, or null when it would not fit Discord's
 * 100 characters. A select menu's id names only the command: the value is the option picked.
 */
export function choiceCustomId(command: string, value?: string): string | null {
  const id = value === undefined ? `${PREFIX}:${command}` : `${PREFIX}:${command}:${value}`;
  return id.length <= limits.customId ? id : null;
}

/** The command and value a button or select menu runs, or null when the id is not Gazette's. */
export function parseCustomId(
  customId: string,
  selected: readonly string[] = [],
): { command: string; value: string } | null {
  const match = /^gz:([a-z0-9_]{1,32})(?::([\s\S]+))?$/.exec(customId);
  const command = match?.[1];
  if (command === undefined) return null;
  const value = match?.[2] ?? selected[0];
  return value === undefined ? null : { command, value };
}

function button(choice: Choice): ButtonData | null {
  const customId = choiceCustomId(choice.command, choice.value);
  if (customId === null) return null;
  return {
    type: BUTTON,
    style: SECONDARY,
    label: clip(choice.label, limits.buttonLabel),
    custom_id: customId,
  };
}

function rowsOf(buttons: readonly ButtonData[]): ActionRow[] {
  const rows: ActionRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < limits.rows; i += limits.buttonsPerRow) {
    rows.push({ type: ROW, components: buttons.slice(i, i + limits.buttonsPerRow) });
  }
  return rows;
}

/** Buttons for a reply's choices: five a row, at most five rows. */
export function choiceRows(choices: readonly Choice[]): ActionRow[] {
  return rowsOf(choices.flatMap((c) => button(c) ?? []));
}

/**
 * Controls to mute the topics of a digest message: one row of buttons when they fit, and a select
 * menu with the others when there are more, so a digest never grows a wall of buttons.
 */
export function muteControls(topics: readonly Topic[]): ActionRow[] {
  const asChoice = (t: Topic): Choice => ({ label: `Mute ${t.label}`, command: 'mute', value: t.id });
  const buttons = topics.slice(0, limits.buttonsPerRow).flatMap((t) => button(asChoice(t)) ?? []);
  const rows = rowsOf(buttons);
  const rest = topics.slice(limits.buttonsPerRow, limits.buttonsPerRow + limits.selectOptions);
  const menuId = choiceCustomId('mute');
  if (rest.length > 0 && menuId !== null) {
    const menu: SelectData = {
      type: STRING_SELECT,
      custom_id: menuId,
      placeholder: 'More topics to mute…',
      min_values: 1,
      max_values: 1,
      options: rest.map((t) => ({
        label: clip(`Mute ${t.label}`, limits.selectLabel),
        value: t.id,
        description: clip(`Stop posting ${t.label} stories in this channel`, limits.selectLabel),
      })),
    };
    rows.push({ type: ROW, components: [menu] });
  }
  return rows;
}
