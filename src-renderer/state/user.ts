import { DisplayName } from '../../shared/people';
import { palette, paletteColor } from '../ui/tokens';

/** The person at this device: a display name until accounts arrive with the sync-server issue. */
export interface LocalUser {
  name: string;
  color: string;
}

const USER_KEY = 'fokuswerk.user';

/**
 * Caret and presence colours: the tokens --user-color-1…8 (dark enough for white text, contrast
 * ≥ 4.5:1, WCAG AA, and distinguishable from each other). The resolved colour is what other
 * clients receive with the person's name.
 */
const USER_COLOR = '--user-color-';

/** Picks a stable colour for a name, so the same person keeps the same colour on every device. */
export function colorForName(name: string): string {
  let hash = 0;
  for (const ch of name) {
    hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  }
  return paletteColor(USER_COLOR, hash % palette(USER_COLOR).length);
}

/** Trims and validates a display name (the shared DisplayName schema); null when unusable. */
export function normalizeName(input: string): string | null {
  const parsed = DisplayName.safeParse(input);
  return parsed.success ? parsed.data : null;
}

/** The saved user, or null on first start. */
export function loadUser(): LocalUser | null {
  const name = normalizeName(localStorage.getItem(USER_KEY) ?? '');
  return name ? { name, color: colorForName(name) } : null;
}

/** Saves the display name and returns the resulting user. */
export function saveUser(name: string): LocalUser {
  localStorage.setItem(USER_KEY, name);
  return { name, color: colorForName(name) };
}
