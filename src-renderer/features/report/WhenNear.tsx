import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Mounts its children only once they come near the viewport (600 px ahead), and keeps them then.
 * A report of 80 pages has some 25 chapter editors: opening it mounts the few on screen instead
 * of all, and the rest follow as the Stabsstelle scrolls or jumps there.
 */
export function WhenNear({ children, placeholderHeight }: { children: ReactNode; placeholderHeight: string }): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) {
      return;
    }
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), { rootMargin: '600px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  return near ? children : <div ref={ref} style={{ minHeight: placeholderHeight }} data-testid="not-yet-mounted" />;
}
