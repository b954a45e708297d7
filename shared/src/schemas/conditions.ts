import { z } from 'zod';

export const condition = z.object({ slug: z.string(), name: z.string(), category: z.string() });
export type Condition = z.infer<typeof condition>;
export const conditionList = z.object({ items: z.array(condition) });
