/** Single-key shortcuts: q quick add, n new, / search, j/k move, x complete, Ctrl+Z undo, Esc close. Not while typing in a field. */
import { useEffect, useRef } from "preact/hooks";

export interface Shortcuts {
  onNew(): void;
  onQuick(): void;
  onUndo(): void;
  onSearch(): void;
  onMove(delta: number): void;
  onComplete(): void;
  onEscape(): void;
  /** false while a dialog is open: only Esc applies. */
  active: boolean;
}

/** A field that takes keys (a checkbox does not: x and Ctrl+Z still apply after clicking one). */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(?:TEXTAREA|SELECT)$/.test(target.tagName) ||
    (target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type)));

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
      // Ctrl+Z in a field is the field's own undo.
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === "z" && s.active && !typing(e.target)) {
        e.preventDefault();
        s.onUndo();
        return;
      }
      if (!s.active || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const action = { q: s.onQuick, n: s.onNew, "/": s.onSearch, j: () => s.onMove(1), k: () => s.onMove(-1), x: s.onComplete }[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    addEventListener("keydown", onKey);
    return () => removeEventListener("keydown", onKey);
  }, []);
}
