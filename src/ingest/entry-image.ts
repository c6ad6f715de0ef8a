import { attributeOf, field, listOf, textOf } from './text-value.js';

/** A media reference as a feed wrote it: `media:content`, `media:thumbnail`, an enclosure. */
export interface MediaRef {
  readonly url: string | null;
  readonly type: string | null;
  readonly medium: string | null;
}

/** Media elements read from one entry; a feed listing thousands is not a gallery worth reading. */
const MAX_REFS = 16;

const isImageType = (type: string | null): boolean => type !== null && /^image\//iu.test(type.trim());

/**
 * `media:content` is an image when it says so; one saying neither its medium nor its type is taken
 * as one too, since many feeds leave both out and the image check reads the real type later.
 */
function contentIsImage(ref: MediaRef): boolean {
  if (ref.medium !== null) return ref.medium.trim().toLowerCase() === 'image';
  return ref.type === null || isImageType(ref.type);
}

/**
 * The entry's picture among its media, in the order a publisher most often means it: an image
 * `media:content`, a `media:thumbnail`, an image enclosure. Null when none has an address.
 */
export function pickImage(media: {
  readonly contents: readonly MediaRef[];
  readonly thumbnails: readonly MediaRef[];
  readonly enclosures: readonly MediaRef[];
}): string | null {
  const chosen =
    media.contents.slice(0, MAX_REFS).find((ref) => ref.url !== null && contentIsImage(ref)) ??
    media.thumbnails.slice(0, MAX_REFS).find((ref) => ref.url !== null) ??
    media.enclosures.slice(0, MAX_REFS).find((ref) => ref.url !== null && isImageType(ref.type));
  return chosen?.url?.trim() ?? null;
}

/** A media reference from an object whose attributes are plain fields (feedsmith, JSON). */
export function plainRef(value: unknown, urlKey = 'url'): MediaRef {
  return {
    url: textOf(field(value, urlKey)),
    type: textOf(field(value, 'type')),
    medium: textOf(field(value, 'medium')),
  };
}

/** A media reference from an xml2js element, whose attributes sit under `$` (rss-parser). */
export function attributeRef(value: unknown): MediaRef {
  return {
    url: attributeOf(value, 'url'),
    type: attributeOf(value, 'type'),
    medium: attributeOf(value, 'medium'),
  };
}

/** Up to {@link MAX_REFS} values of a field that may be one value or a list. */
export const refsOf = (value: unknown, read: (value: unknown) => MediaRef): MediaRef[] =>
  listOf(value).slice(0, MAX_REFS).map(read);
