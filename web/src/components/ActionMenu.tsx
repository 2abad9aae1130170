import { useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A compact "⋯" button that opens a small panel of actions for one event (a disclosure, not an ARIA menu:
 * the actions are ordinary buttons and links in tab order). The panel is placed with fixed coordinates, so
 * no scrolling or clipping container cuts it off; Escape or a click outside closes it and focus returns to
 * the button. `label` names the button for screen readers ("Handlinger: 09.00 Karen Hansen").
 */
export function ActionMenu({
  label,
  children,
  testId,
}: {
  label: string;
  children: (close: () => void) => ReactNode;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const id = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  // Under the button, kept there while the page scrolls or resizes.
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      if (!button.current) return;
      const rect = button.current.getBoundingClientRect();
      const width = 240;
      setPosition({
        top: rect.bottom + 4,
        left: Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8)),
      });
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [open]);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('button, a')?.focus();
    const outside = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    const key = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', key);
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', key);
    };
  }, [open]);

  return (
    <div className="action-menu">
      <button
        ref={button}
        type="button"
        className="action-menu-button"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => setOpen((o) => !o)}
        data-testid={testId}
      >
        <span aria-hidden="true">⋯</span>
        <span className="visually-hidden">{label}</span>
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          className="action-menu-panel"
          role="group"
          aria-label={label}
          style={position ? { top: position.top, left: position.left } : { visibility: 'hidden' }}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}
