/**
 * @mentions: `@` followed by a member's display name, case-insensitive, spaces included; where
 * several names fit (`@Ann` and `@Ann Lee`), the longest wins. A mention must end at a word
 * boundary, so `@Annabel` does not mention Ann, and an `@` inside a word (an email address) is not one.
 */

/** Display names are at most 40 characters (the contract's limit). */
const MAX_NAME = 40;
const MIN_NAME = 2;
/** More `@`s than this in one message are ignored: nobody mentions fifty people at once. */
const MAX_MENTION_SIGNS = 20;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export const normalizeName = (name: string) => name.toLocaleLowerCase();

/** Where each `@` starts and the lower-cased names it could be followed by (longest first). */
export interface MentionSite {
  candidates: string[];
}

export function mentionSites(body: string): MentionSite[] {
  const sites: MentionSite[] = [];
  for (let at = body.indexOf('@'); at !== -1 && sites.length < MAX_MENTION_SIGNS; at = body.indexOf('@', at + 1)) {
    if (at > 0 && WORD_CHAR.test(body[at - 1]!)) continue;
    const rest = body.slice(at + 1, at + 1 + MAX_NAME + 1);
    const candidates: string[] = [];
    for (let len = Math.min(MAX_NAME, rest.length); len >= MIN_NAME; len--) {
      const name = rest.slice(0, len);
      if (/^\s|\s$/.test(name) || name.includes('\n')) continue;
      const next = rest[len];
      if (next !== undefined && WORD_CHAR.test(next) && WORD_CHAR.test(name[len - 1]!)) continue;
      candidates.push(normalizeName(name));
    }
    if (candidates.length > 0) sites.push({ candidates });
  }
  return sites;
}

/** Every lower-cased name a message could mention: what the member lookup needs to match. */
export function mentionCandidates(body: string): string[] {
  return [...new Set(mentionSites(body).flatMap((s) => s.candidates))];
}

/**
 * Resolves the mentions in `body` against members found by name. Each `@` takes the longest matching
 * name; the result lists each mentioned user once, in order of first mention.
 */
export function resolveMentions(body: string, members: ReadonlyArray<{ id: string; displayName: string }>): string[] {
  if (members.length === 0) return [];
  const byName = new Map<string, string>();
  for (const m of members) {
    const key = normalizeName(m.displayName);
    // Two members with the same name: the mention is ambiguous, so it names neither.
    byName.set(key, byName.has(key) && byName.get(key) !== m.id ? '' : m.id);
  }
  const ids: string[] = [];
  for (const site of mentionSites(body)) {
    const hit = site.candidates.find((c) => byName.has(c));
    const id = hit === undefined ? undefined : byName.get(hit);
    if (id && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
