/**
 * Dragging a task by touch (or pen) with Pointer Events on its row's handle.
 * The handle alone has `touch-action: none`, so a finger there drags while a
 * finger anywhere else scrolls the page as usual; a mouse keeps the native
 * HTML drag of the row (TaskList). What a drop does is the caller's, the same
 * function the mouse and keyboard use.
 */
import type { HTMLAttributes } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { edgeScroll, pastSlop } from "./dragPlace";

/** A drop onto another task's row (a list's manual order) or onto a day (Upcoming). */
export type DropTarget = { row: string } | { day: string };

export interface TouchDragOptions {
  /** What lies under the point (client coordinates); null for nothing, or for the dragged task's own row. */
  targetAt(x: number, y: number, dragged: string): DropTarget | null;
  /** The target under the finger changed (null: none), to mark it. */
  onHover(target: DropTarget | null): void;
  onDrop(taskId: string, target: DropTarget): void;
}

interface Live {
  id: string;
  pointer: number;
  from: { x: number; y: number };
  at: { x: number; y: number };
  started: boolean;
  frame: number;
}

export function useTouchDrag(options: TouchDragOptions) {
  const opts = useRef(options);
  opts.current = options;
  const live = useRef<Live | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);

  useEffect(() => () => { if (live.current) cancelAnimationFrame(live.current.frame); }, []);

  const hoverAt = (d: Live) => opts.current.onHover(opts.current.targetAt(d.at.x, d.at.y, d.id));

  function end(drop: boolean) {
    const d = live.current;
    if (!d) return;
    live.current = null;
    cancelAnimationFrame(d.frame);
    setDragging(null);
    opts.current.onHover(null);
    const target = drop && d.started ? opts.current.targetAt(d.at.x, d.at.y, d.id) : null;
    if (target) opts.current.onDrop(d.id, target);
  }

  // A finger held near the top or bottom scrolls the page each frame (what lies under it changes as it does).
  function tick() {
    const d = live.current;
    if (!d?.started) return;
    const step = edgeScroll(d.at.y, window.innerHeight);
    if (step !== 0) {
      window.scrollBy(0, step);
      hoverAt(d);
    }
    d.frame = requestAnimationFrame(tick);
  }

  const mine = (e: PointerEvent) => live.current !== null && live.current.pointer === e.pointerId;

  /** The props of a task's drag handle. */
  function handleProps(taskId: string): HTMLAttributes<HTMLSpanElement> {
    return {
      onPointerDown(e) {
        if (e.pointerType === "mouse" || !e.isPrimary || live.current) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const at = { x: e.clientX, y: e.clientY };
        live.current = { id: taskId, pointer: e.pointerId, from: at, at, started: false, frame: 0 };
      },
      onPointerMove(e) {
        const d = live.current;
        if (!d || !mine(e)) return;
        d.at = { x: e.clientX, y: e.clientY };
        if (!d.started) {
          if (!pastSlop(d.from, d.at)) return;
          d.started = true;
          setDragging(d.id);
          d.frame = requestAnimationFrame(tick);
        }
        hoverAt(d);
      },
      onPointerUp(e) {
        // Where the finger left the screen decides, even if its last move was not delivered on its own.
        if (!mine(e)) return;
        live.current!.at = { x: e.clientX, y: e.clientY };
        end(true);
      },
      onPointerCancel(e) { if (mine(e)) end(false); },
      // The handle's row went away mid-drag (the list reloaded): nothing is dropped.
      onLostPointerCapture(e) { if (mine(e)) end(false); },
    };
  }

  /** Whether a touch drag is under way (the row's native drag then stands down). */
  const active = () => live.current !== null;

  return { dragging, handleProps, active };
}
