import type * as Y from 'yjs';
import type { z } from 'zod';

/**
 * The values of a Y.Map that match `schema`. Documents come from other clients and older
 * versions, so entries that do not parse are skipped rather than trusted.
 */
export function parsedValues<T extends z.ZodType>(map: Y.Map<unknown>, schema: T): z.infer<T>[] {
  const result: z.infer<T>[] = [];
  map.forEach((value) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      result.push(parsed.data);
    }
  });
  return result;
}
