/**
 * Opaque keyset cursors. A cursor carries the sort key of the last item of a page, so the next page
 * starts strictly after it: rows inserted meanwhile can neither repeat an item nor push one out.
 * Timestamps travel as whole microseconds since the epoch (exact; JS dates only hold milliseconds).
 */
import { AppError } from '../../lib/appError.js';

export function encodeCursor(key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

const invalid = () => new AppError('VALIDATION_ERROR', 'lists.badCursor');

/** Decodes a cursor and checks it has exactly the fields `shape` names, with their types. */
export function decodeCursor<K extends string>(
  cursor: string,
  shape: Record<K, 'string' | 'number' | 'micros'>,
): Record<K, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid();
  const record = parsed as Record<string, unknown>;
  const keys = Object.keys(shape) as K[];
  if (Object.keys(record).length !== keys.length) throw invalid();
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = record[key];
    const kind = shape[key];
    if (kind === 'number') {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid();
      out[key] = String(value);
    } else if (kind === 'micros') {
      if (typeof value !== 'string' || !/^-?\d{1,19}$/.test(value)) throw invalid();
      out[key] = value;
    } else {
      if (typeof value !== 'string' || value.length === 0 || value.length > 200) throw invalid();
      out[key] = value;
    }
  }
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);
