import { z } from 'zod';

/** Longest display name; the name field stops there and says so. */
export const DISPLAY_NAME_MAX = 60;

/** A display name without accounts: spaces collapsed and trimmed, 2 to 60 characters. */
export const DisplayName = z
  .string()
  .transform((input) => input.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(2).max(DISPLAY_NAME_MAX));
