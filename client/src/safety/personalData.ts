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

/** Reads the spans of a 422 PERSONAL_DATA answer's `details`, keeping only well-formed ones inside `text`. */
export function spansFromDetails(details: unknown, text: string): PersonalDataSpan[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is PersonalDataSpan =>
      Boolean(d) &&
      typeof d === 'object' &&
      typeof (d as PersonalDataSpan).kind === 'string' &&
      Number.isInteger((d as PersonalDataSpan).start) &&
      Number.isInteger((d as PersonalDataSpan).end) &&
      (d as PersonalDataSpan).start >= 0 &&
      (d as PersonalDataSpan).end <= text.length &&
      (d as PersonalDataSpan).start < (d as PersonalDataSpan).end,
  );
}
