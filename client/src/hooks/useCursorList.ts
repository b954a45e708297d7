import { useCallback, useState } from 'react';

/**
 * A list read page by page with the API's `{ items, nextCursor }` convention: `load(null)` (re)reads
 * the first page, `load(nextCursor)` appends the next one.
 */
export function useCursorList<T>(fetchPage: (cursor: string | null) => Promise<{ items: T[]; nextCursor: string | null }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    async (cursor: string | null) => {
      setBusy(true);
      setError(null);
      try {
        const page = await fetchPage(cursor);
        setItems((current) => (cursor && current ? [...current, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    },
    [fetchPage],
  );

  return { items, setItems, nextCursor, error, busy, load };
}
