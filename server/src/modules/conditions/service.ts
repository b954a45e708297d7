import type { Condition } from '@circles/shared';
import { asc, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { conditions } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import { CONDITION_CATALOG } from './catalog.js';

/** Brings the conditions table in line with the catalog (new entries added, names and categories updated). */
export async function syncConditionCatalog(db: Db): Promise<void> {
  await db
    .insert(conditions)
    .values([...CONDITION_CATALOG])
    .onConflictDoUpdate({ target: conditions.slug, set: { name: sql`excluded.name`, category: sql`excluded.category` } });
}

/** The catalog, grouped for browsing: by category, then name. Anyone may read it. */
export async function listConditions(deps: Deps): Promise<Condition[]> {
  return deps.db.select().from(conditions).orderBy(asc(conditions.category), asc(conditions.name));
}
