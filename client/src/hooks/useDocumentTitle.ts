import { useEffect } from 'react';

/** Page titles tell screen-reader users (and tabs) where they are after a client-side navigation. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Circles` : 'Circles';
  }, [title]);
}
