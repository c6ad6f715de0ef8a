import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { detectLanguage, feedLanguageOf } from '../src/condense/language.js';
import { CORPUS_DIR, readJsonLines } from './lib/corpus.js';
const entry = fileURLToPath(import.meta.resolve('eld/small'));
const eld = (createRequire(import.meta.url)(entry) as { eld: { detect(t: string): { language: string; getScores(): Record<string, number> } } }).eld;
const TL = new Set(['ng', 'mga', 'ang', 'sa', 'si', 'na', 'nang', 'ay', 'kay', 'para', 'ni', 'mga']);
const EN = new Set(['the', 'of', 'and', 'to', 'in', 'is', 'for', 'on', 'with', 'was', 'are', 'has']);
const dir = path.join(CORPUS_DIR, 'topics', 'cluster-dev-days');
const rows = readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readJsonLines<{ source: string; title: string; text: string }>(path.join(dir, f)).map((r) => ({ ...r, feed: `${f} ${r.source}` })));
const by = new Map<string, typeof rows>(); for (const r of rows) by.set(r.feed, [...(by.get(r.feed) ?? []), r]);
const prior = new Map([...by].map(([f, items]) => [f, feedLanguageOf(items)]));
const truthOf = (r: { title: string; text: string }, part: 'title' | 'both'): string | null => {
  const words = (part === 'title' ? r.title : `${r.title} ${r.text}`).toLowerCase().match(/\p{L}+/gu) ?? [];
  const tl = words.filter((w) => TL.has(w)).length; const en = words.filter((w) => EN.has(w)).length;
  if (tl >= 2 && tl > en) return 'tl'; if (en >= 2 && tl === 0) return 'en'; return null;
};
for (const part of ['title', 'both'] as const) {
  const labelled = rows.filter((r) => ['ABS-CBN News', 'GMA News', 'GMA News (YouTube)', 'Philstar'].includes(r.source)).map((r) => ({ r, truth: truthOf(r, 'title') })).filter((x) => x.truth !== null);
  for (const margin of [0, 0.04, 0.08, 0.12]) {
    let right = 0; const n = labelled.length; let tlRight = 0, tlN = 0, enRight = 0, enN = 0;
    for (const { r, truth } of labelled) {
      const text = part === 'title' ? r.title : `${r.title}\n${r.text}`;
      let l = detectLanguage(text); const p = prior.get(r.feed) ?? null;
      if (margin > 0 && p !== null && p !== l) { const s = eld.detect(text).getScores(); const top = Math.max(...Object.values(s)); if ((s[p] ?? 0) >= top - margin) l = p; }
      if (l === truth) right++; if (truth === 'tl') { tlN++; if (l === 'tl') tlRight++; } else { enN++; if (l === 'en') enRight++; }
    }
    console.log(`${part} margin ${margin}: ${(100 * right / n).toFixed(1)}% of ${n}; tl ${tlRight}/${tlN}, en ${enRight}/${enN}`);
  }
}
