/**
 * Undo for every change the app makes: each one records how to take it back,
 * shown as a toast with Undo for 5 s; Ctrl+Z takes back the newest change not
 * yet undone (also after its toast is gone, while the app is open).
 */
import { useRef } from "preact/hooks";
import type { ToastApi } from "./Toasts";

export const UNDO_MS = 5000;
/** Changes remembered for Ctrl+Z. */
const DEPTH = 20;

interface Change {
  text: string;
  toast: number;
  undo(): Promise<void>;
}

export interface UndoApi {
  /** A change was made: `undo` takes it back. */
  record(text: string, undo: () => Promise<void>): void;
  /** Ctrl+Z: takes back the newest change; false when there is none. */
  undoLast(): boolean;
}

export function useUndo(toasts: ToastApi, onUndone: () => void): UndoApi {
  const stack = useRef<Change[]>([]);
  const take = (change: Change) => {
    stack.current = stack.current.filter((c) => c !== change);
    toasts.dismiss(change.toast);
    change.undo().then(
      () => { toasts.show(`Undone: ${change.text}`); onUndone(); },
      (err: Error) => toasts.show(`Could not undo “${change.text}”: ${err.message}`),
    );
  };
  return {
    record(text, undo) {
      const change: Change = { text, undo, toast: 0 };
      change.toast = toasts.show(text, { ms: UNDO_MS, action: { label: "Undo", run: () => take(change) } });
      stack.current = [...stack.current.slice(-(DEPTH - 1)), change];
    },
    undoLast() {
      const last = stack.current[stack.current.length - 1];
      if (!last) return false;
      take(last);
      return true;
    },
  };
}
