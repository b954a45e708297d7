/**
 * `npx tsx bench/profile.ts <file.cpuprofile> [top] [regex]` — where a profiled Circles process spent its
 * time; with a regex, only the functions and areas whose name or location matches (e.g. 'server/src').
 * `npm run bench -- --profile` writes one profile per scenario to bench/results/profiles/.
 */
import { formatProfile, summarizeProfile } from './lib/profile.js';

const [file, top, match] = process.argv.slice(2);
if (!file) {
  console.error('usage: npx tsx bench/profile.ts <file.cpuprofile> [top] [regex]');
  process.exit(2);
}
console.log(formatProfile(summarizeProfile(file, Number(top ?? 25), match ? new RegExp(match) : undefined)));
