/**
 * The client side of the personal-data guard. The detector (with libphonenumber's metadata) is loaded
 * by a dynamic import, so it stays out of the first chunk: `preloadPersonalData()` when a form that
 * posts opens, `checkPersonalData(text)` before sending. If the module cannot load (offline before it
 * ever loaded), nothing is found here and the server's own check still answers 422 PERSONAL_DATA.
 */
import type { PersonalDataKind } from '@circles/shared';

export interface PersonalDataSpan {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

type Detector = (text: string) => PersonalDataSpan[];
let detector: Promise<Detector | null> | null = null;

function load(): Promise<Detector | null> {
  detector ??= import('@circles/shared/safety/personalData').then(
    (m) => m.findPersonalData,
    () => {
      detector = null; // try again next time
      return null;
    },
  );
  return detector;
}

export function preloadPersonalData(): void {
  void load();
}

/** Where `text` seems to hold personal data (offsets in UTF-16 code units of `text`). */
export async function checkPersonalData(text: string): Promise<PersonalDataSpan[]> {
  const find = await load();
  if (!find) return [];
  try {
    return find(text);
  } catch {
    return [];
  }
}

/**
 * Reads the spans of a 422 PERSONAL_DATA answer's `details`, keeping only well-formed ones inside `text`.
 * A post with several fields (a question's title and body) names each finding's `field`: pass the one
 * `text` is.
 */
export function spansFromDetails(details: unknown, text: string, field?: string): PersonalDataSpan[] {
  if (!Array.isArray(details)) return [];
  const out: PersonalDataSpan[] = [];
  for (const d of details as Array<Partial<PersonalDataSpan> & { field?: unknown }>) {
    if (!d || typeof d !== 'object' || typeof d.kind !== 'string') continue;
    if (field !== undefined && d.field !== field) continue;
    const { start, end } = d;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start! < 0 || end! > text.length || start! >= end!) continue;
    out.push({ kind: d.kind, start: start!, end: end! });
  }
  return out;
}
