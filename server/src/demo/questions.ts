import type { Deps } from '../deps.js';
import type { DemoGroupIds } from './groups.js';
import type { DemoUserIds } from './users.js';

export async function seedDemoQuestions(_deps: Deps, _users: DemoUserIds, _groups: DemoGroupIds): Promise<void> {}
