import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** Visual weight of a button. */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/** The one button of the app: consistent size, focus ring and disabled state. */
export function Button({
  variant = 'secondary',
  size = 'md',
  children,
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant; size?: 'sm' | 'md'; children: ReactNode }): ReactNode {
  return (
    <button type="button" {...rest} className={['btn', `btn-${variant}`, `btn-${size}`, className].filter(Boolean).join(' ')}>
      {children}
    </button>
  );
}
