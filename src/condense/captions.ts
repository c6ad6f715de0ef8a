/**
 * Captions in article text: a photo caption written as a labelled sentence, and the pointers a
 * caption-style sentence makes into a photo the summary does not carry.
 */

import { isAttributed } from './openers.js';

// A short label, a colon, then a capitalised sentence: "Tragic: The man …", "Long drop: The child …".
// Captions and picture galleries are written so; a label that says who speaks ("He added: The …")
// is an attribution, not a label.
const LABELLED = /^(\p{Lu}[\p{L}'’-]*(?:\s[\p{L}'’-]+){0,3}):\s+\p{Lu}/u;

/** The sentence without a caption's label ("Tragic: The man …" → "The man …"). */
export function withoutLabel(sentence: string): string {
  return isCaption(sentence) ? sentence.replace(/^[^:]*:\s+/u, '') : sentence;
}

/** True for a sentence written as a photo caption with a label before a colon. */
export function isCaption(sentence: string): boolean {
  const label = LABELLED.exec(sentence)?.[1];
  return label !== undefined && !isAttributed(label);
}

// Pointers from a caption into its photo: "(pictured)", "(left)", "(second from right)", and the
// same between commas after a name, "Abase Hussen, left, took …". They say where someone stands in
// a picture the reader does not see. The words are the closed class of places in a frame.
const PLACE =
  '(?:(?:far|second|third|top|bottom|back|front|centre|center)[ -]?)?(?:from )?(?:left|right|centre|center|above|below|top|bottom|inset|circled|background|foreground|front|back|middle)';
const PHOTO_POINTER = new RegExp(
  `\\s\\((?:(?:also )?pictured\\b[^()]{0,80}|${PLACE}(?:,? (?:and|with) [^()]{0,40})?|(?:main|top|bottom|left|right) (?:picture|photo|image)|file (?:photo|picture))\\)|,\\s(?:pictured|${PLACE})(?:\\s(?:left|right))?,(?=\\s)`,
  'giu',
);

// "Daniel Kelly, 41, pictured, and …": an age set off by commas needs its closing comma back.
const AGE_BEFORE = /,\s\d{1,3}$/u;

// "(Foto)", "(photo)", "(Bild)" in the languages that write it so, with the age a caption gives
// beside it ("Vicente Iborra (30, Foto)") or the picture's credit ("(Foto: dpa)").
const PHOTO_WORD = /\s\((?:(\d{1,3}),\s*)?(?:photo|foto|bild|picture|pic)(?:\s*:[^()]{0,60})?\)/giu;

/** The sentence without pointers into photos the summary does not carry. */
export function withoutPhotoPointers(sentence: string): string {
  return sentence
    .replace(PHOTO_POINTER, (pointer: string, at: number) =>
      pointer.startsWith(',') && AGE_BEFORE.test(sentence.slice(0, at)) ? ',' : '',
    )
    .replace(PHOTO_WORD, (_pointer: string, age: string | undefined) =>
      age === undefined ? '' : ` (${age})`,
    );
}
