import type { ReactNode } from 'react';

/** A small status label; tone sets colour, the text always carries the meaning. */
export function Badge({ tone = 'neutral', children }: { tone?: 'neutral' | 'success' | 'warning' | 'info' | 'danger'; children: ReactNode }): ReactNode {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
