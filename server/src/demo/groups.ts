import type { Deps } from '../deps.js';
import type { DemoUserIds } from './users.js';

/** Demo groups by slug → id. Filled in by the groups module. */
export type DemoGroupIds = Record<string, string>;

export async function seedDemoGroups(_deps: Deps, _users: DemoUserIds): Promise<DemoGroupIds> {
  return {};
}
