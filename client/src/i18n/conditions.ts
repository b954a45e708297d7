/**
 * Condition and category names in the reader's language. The server's catalogue is English; the
 * `conditions` namespace names each by slug. Categories stay English in URLs (`?category=Skin`):
 * only what is shown is translated.
 */
import type { Condition } from '@circles/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type en from './locales/en/conditions';

type ConditionKey = keyof typeof en;

export const categoryKey = (category: string) =>
  `category.${category.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;

export function useConditionNames() {
  const { t, i18n } = useTranslation('conditions');
  const named = useCallback(
    (key: string, fallback: string) => (i18n.exists(`conditions:${key}`) ? t(key as ConditionKey) : fallback),
    [t, i18n],
  );
  const conditionName = useCallback((condition: Pick<Condition, 'slug' | 'name'>) => named(`name.${condition.slug}`, condition.name), [named]);
  const categoryName = useCallback((category: string) => named(categoryKey(category), category), [named]);
  return { conditionName, categoryName };
}
