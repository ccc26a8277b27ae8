import type { ReactNode } from 'react';

/** Shown where a list has nothing in it yet; says what to do next. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }): ReactNode {
  return (
    <div className="empty-state">
      <p>{children}</p>
      {action}
    </div>
  );
}

/** Loading indicator with a text for screen readers and sighted users alike. */
export function Loading({ label }: { label: string }): ReactNode {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** An error message with an optional action. */
export function ErrorNotice({ children, action }: { children: ReactNode; action?: ReactNode }): ReactNode {
  return (
    <div className="notice notice-error" role="alert">
      <p>{children}</p>
      {action}
    </div>
  );
}

/** A short confirmation or information line, announced politely. */
export function InfoNotice({ children }: { children: ReactNode }): ReactNode {
  return (
    <div className="notice notice-info" role="status" aria-live="polite">
      {children}
    </div>
  );
}
