import type { ReactNode } from 'react';

/** Icon names; each is a small inline SVG so nothing depends on emoji or icon fonts being installed. */
export type IconName = 'link' | 'chart' | 'table' | 'bulletList' | 'orderedList';

const PATHS: Record<IconName, ReactNode> = {
  link: (
    <>
      <path d="M7 9.5a3 3 0 0 0 4.2.3l2.3-2.3a3 3 0 0 0-4.2-4.2L8 4.6" />
      <path d="M9 6.5a3 3 0 0 0-4.2-.3L2.5 8.5a3 3 0 0 0 4.2 4.2L8 11.4" />
    </>
  ),
  chart: (
    <>
      <path d="M2 14h12" />
      <path d="M4 12V8M8 12V4M12 12V6" />
    </>
  ),
  table: (
    <>
      <rect x="2" y="3" width="12" height="10" rx="1" />
      <path d="M2 6.5h12M2 10h12M6 3v10M10 3v10" />
    </>
  ),
  bulletList: (
    <>
      <circle cx="3" cy="4.5" r="0.9" fill="currentColor" />
      <circle cx="3" cy="8" r="0.9" fill="currentColor" />
      <circle cx="3" cy="11.5" r="0.9" fill="currentColor" />
      <path d="M6 4.5h8M6 8h8M6 11.5h8" />
    </>
  ),
  orderedList: (
    <>
      <path d="M2.5 3.5h1v3M2.3 6.5h1.6M2.3 9.5c.3-.6 1.7-.6 1.7.2 0 .7-1.7 1.2-1.7 2.3h1.8" />
      <path d="M6 4.5h8M6 8h8M6 11.5h8" />
    </>
  ),
};

/** A 16px line icon in the current text colour; decorative (the control carries the label). */
export function Icon({ name }: { name: IconName }): ReactNode {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
