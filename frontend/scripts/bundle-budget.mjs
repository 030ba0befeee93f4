// Print the JavaScript a first visit downloads and fail the build above the budget.
// "First visit" is the entry (index.html) plus the public map's route chunk, which `/`
// loads at once: the heaviest page a citizen meets first. Uses Vite's build manifest.
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 250;
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(await readFile(new URL('.vite/manifest.json', dist), 'utf8'));

function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(key)) return seen;
  seen.add(key);
  for (const child of chunk.imports ?? []) closure(child, seen);
  return seen;
}

async function gzippedKb(keys) {
  let total = 0;
  for (const key of keys) {
    const file = manifest[key].file;
    if (file.endsWith('.js')) total += gzipSync(await readFile(new URL(file, dist))).length;
  }
  return total / 1024;
}

const entry = closure('index.html');
const firstVisit = closure('src/app/routes/map.tsx', new Set(entry));
const entryKb = await gzippedKb(entry);
const firstKb = await gzippedKb(firstVisit);
console.log(`Initial JavaScript (gzip): entry ${entryKb.toFixed(1)} KB, with the map page ${firstKb.toFixed(1)} KB; budget ${BUDGET_KB} KB`);
if (firstKb > BUDGET_KB) {
  console.error(`Over budget by ${(firstKb - BUDGET_KB).toFixed(1)} KB: split a route or drop a dependency.`);
  process.exit(1);
}
