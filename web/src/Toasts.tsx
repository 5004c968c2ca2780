/** Short messages at the bottom of the screen, announced politely; some carry an action such as Undo. */
import { useRef, useState } from "preact/hooks";

interface Toast {
  id: number;
  text: string;
  kind: "info" | "reminder";
  action?: { label: string; run(): void };
}

export interface ToastApi {
  items: Toast[];
  /** Shows a toast and answers its id (to dismiss it early). */
  show(text: string, opts?: { kind?: Toast["kind"]; ms?: number; action?: Toast["action"] }): number;
  dismiss(id: number): void;
}

export function useToasts(): ToastApi {
  const [items, setItems] = useState<Toast[]>([]);
  const counter = useRef(0);
  const dismiss = (id: number) => setItems((old) => old.filter((t) => t.id !== id));
  return {
    items,
    dismiss,
    show(text, opts = {}) {
      const id = ++counter.current;
      setItems((old) => [...old.slice(-2), { id, text, kind: opts.kind ?? "info", ...(opts.action ? { action: opts.action } : {}) }]);
      setTimeout(() => dismiss(id), opts.ms ?? (opts.kind === "reminder" ? 15_000 : 6000));
      return id;
    },
  };
}

export function Toasts(props: { toasts: ToastApi }) {
  return (
    <div class="toasts" role="status" aria-live="polite">
      {props.toasts.items.map((t) => (
        <div key={t.id} class={`toast ${t.kind}`}>
          {t.kind === "reminder" && <span aria-hidden="true">◔ </span>}
          <span>{t.text}</span>
          {t.action && (
            <button type="button" onClick={() => { t.action!.run(); props.toasts.dismiss(t.id); }}>{t.action.label}</button>
          )}
          <button type="button" class="icon" aria-label="Dismiss" onClick={() => props.toasts.dismiss(t.id)}>×</button>
        </div>
      ))}
    </div>
  );
}
