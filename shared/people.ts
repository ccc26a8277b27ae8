import { z } from 'zod';

/** A display name without accounts: spaces collapsed and trimmed, 2 to 60 characters. */
export const DisplayName = z
  .string()
  .transform((input) => input.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(2).max(60));
