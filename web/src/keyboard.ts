/** Single-key shortcuts: n new, / search, j/k move, x complete, Esc close. Not while typing in a field. */
import { useEffect, useRef } from "preact/hooks";

export interface Shortcuts {
  onNew(): void;
  onSearch(): void;
  onMove(delta: number): void;
  onComplete(): void;
  onEscape(): void;
  /** false while a dialog is open: only Esc applies. */
  active: boolean;
}

const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function useKeyboard(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = ref.current;
      if (e.key === "Escape") {
        // Leaving a field of the page (not of a dialog) gives the shortcuts back.
        if (s.active && typing(e.target)) (e.target as HTMLElement).blur();
        s.onEscape();
        return;
      }
      if (!s.active || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const action = { n: s.onNew, "/": s.onSearch, j: () => s.onMove(1), k: () => s.onMove(-1), x: s.onComplete }[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
}
