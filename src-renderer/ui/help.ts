import { createContext, useContext } from 'react';

/** The terms the help explains; a feature links to one with <TermHint term="…" />. */
export type HelpTerm = 'snapshot' | 'stand' | 'derived' | 'signs' | 'status' | 'saved';

/** Opens the app's help, at the start or at one term's explanation. */
export interface HelpOpener {
  open: (term?: HelpTerm) => void;
}

export const HelpContext = createContext<HelpOpener | null>(null);

/** The help opener; null outside the app frame (then no help link is shown). */
export function useHelp(): HelpOpener | null {
  return useContext(HelpContext);
}

/** The id of a term's explanation in the help dialog. */
export function helpTermId(term: HelpTerm): string {
  return `help-term-${term}`;
}
