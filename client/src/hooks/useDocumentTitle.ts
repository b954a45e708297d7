import { useEffect } from 'react';
import { i18n } from '../i18n';

/** Page titles tell screen-reader users (and tabs) where they are after a client-side navigation. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = title ? i18n.t('common:title.page', { title }) : i18n.t('common:title.app');
  }, [title]);
}
