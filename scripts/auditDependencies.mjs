#!/usr/bin/env node
/**
 * Dependency hygiene gate (CI): `npm audit --omit=dev`, failing on any high or critical advisory in
 * what ships, unless `audit-allowlist.json` names it with a reason and an expiry date — so an exception
 * is a decision that comes back for review, never a silence. An expired entry fails like no entry.
 *
 * When the registry has no advisory endpoint (some mirrors answer 405), nothing can be checked: that is
 * said loudly and, unless AUDIT_REQUIRED=1, does not fail the run.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const allowlist = JSON.parse(readFileSync(new URL('../audit-allowlist.json', import.meta.url), 'utf8'));
const today = new Date().toISOString().slice(0, 10);

let report;
try {
  report = JSON.parse(execFileSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
} catch (err) {
  // npm audit exits non-zero when it finds something; its JSON is still on stdout.
  try {
    report = JSON.parse(err.stdout);
  } catch {
    report = null;
  }
}

if (!report || !report.metadata) {
  const message = report?.message ?? report?.error?.summary ?? 'no audit report';
  console.warn(`audit: could not check advisories (${message}).`);
  process.exit(process.env.AUDIT_REQUIRED === '1' ? 1 : 0);
}

const blocking = [];
for (const [name, vuln] of Object.entries(report.vulnerabilities ?? {})) {
  if (vuln.severity !== 'high' && vuln.severity !== 'critical') continue;
  for (const via of vuln.via ?? []) {
    if (typeof via === 'string') continue; // reached through another package, reported there
    const entry = allowlist.find((a) => a.advisory === via.url || a.advisory === String(via.source));
    if (entry && entry.expires >= today) {
      console.log(`audit: allowed until ${entry.expires}: ${name} — ${via.title} (${via.url}): ${entry.reason}`);
      continue;
    }
    blocking.push(`${vuln.severity}: ${name} — ${via.title} (${via.url})${entry ? ` [allowlist entry expired ${entry.expires}]` : ''}`);
  }
}

const counts = report.metadata.vulnerabilities;
console.log(`audit: production dependencies — ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
if (blocking.length > 0) {
  console.error(`audit: ${blocking.length} high/critical advisory(ies) to handle (upgrade, or allowlist with a reason and an expiry):`);
  for (const line of blocking) console.error(`  ${line}`);
  process.exit(1);
}
