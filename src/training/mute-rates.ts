/** Leaks and wrong removals of muting: how the topic model is judged. */

/** What muting one class's topics did on labelled items. */
export interface MuteRates {
  readonly name: string;
  /** Items of the class. */
  readonly items: number;
  /** Items of the other classes. */
  readonly others: number;
  /** Share of the class's items still shown. */
  readonly leaks: number;
  /** Share of the other classes' items removed. */
  readonly wronglyRemoved: number;
}

/** The four classes of the outside check, each with the topics muted for it. */
export const FOUR_CLASSES: Readonly<Record<string, readonly string[]>> = {
  sport: ['sport'],
  business: ['business'],
  'sci/tech': ['technology', 'science'],
  world: ['world', 'politics'],
};

/**
 * Rates per class: `classes` maps each class to the topics muted for it and to the labels that
 * make an item that class (an item whose label is in no class takes no part). `mainTopics[i]` are
 * the topics muting which removes item `i`.
 */
export function muteRates(
  mainTopics: readonly (readonly string[])[],
  labels: readonly string[],
  classes: Readonly<Record<string, readonly string[]>>,
): MuteRates[] {
  const classOf = (label: string): string | null =>
    Object.keys(classes).find((name) => classes[name]?.includes(label)) ?? null;
  const memberOf = labels.map(classOf);
  return Object.entries(classes).map(([name, muted]) => {
    let own = 0;
    let leaked = 0;
    let others = 0;
    let removed = 0;
    mainTopics.forEach((main, i) => {
      const member = memberOf[i];
      if (member === null || member === undefined) return;
      const gone = main.some((t) => muted.includes(t));
      if (member === name) {
        own++;
        if (!gone) leaked++;
      } else {
        others++;
        if (gone) removed++;
      }
    });
    return {
      name,
      items: own,
      others,
      leaks: own === 0 ? 0 : leaked / own,
      wronglyRemoved: others === 0 ? 0 : removed / others,
    };
  });
}

/** Each label a class of its own, muted by its own topic. */
export function perTopic(labels: readonly string[]): Record<string, readonly string[]> {
  return Object.fromEntries(labels.map((l) => [l, [l]]));
}
