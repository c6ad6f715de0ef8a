/** Which item of a story shows it: the one that says most of what all its sources say. */

import { vectorOf, type StoryFeatures } from './story-vectors.js';

function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [term, weight] of a) {
    na += weight * weight;
    dot += weight * (b.get(term) ?? 0);
  }
  for (const weight of b.values()) nb += weight * weight;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The item id of the story's most central member (highest summed similarity of headline and lead
 * to the other members). The current lead keeps its place on a tie, so a story does not flip
 * between equals; with fewer than three members there is no centre and the current lead stays.
 */
export function mostCentral(members: readonly StoryFeatures[], currentLead: number): number {
  if (members.length < 3) return currentLead;
  const vectors = members.map((m) => vectorOf(m).terms);
  let best = currentLead;
  let bestScore = -1;
  members.forEach((member, i) => {
    let score = 0;
    vectors.forEach((other, j) => {
      const mine = vectors[i];
      if (i !== j && mine !== undefined) score += cosine(mine, other);
    });
    const better = score > bestScore + 1e-9;
    const tie = Math.abs(score - bestScore) <= 1e-9 && member.itemId === currentLead;
    if (better || tie) {
      best = member.itemId;
      bestScore = score;
    }
  });
  return best;
}
