/**
 * What a move of a task decides, the same for a mouse drag, a touch drag and
 * Alt+↑/↓ (so the three cannot disagree): where in a list's manual order a
 * task dropped on another goes, whether a drop on a day moves it, and how
 * fast a touch drag held near the screen's edge scrolls the page. No DOM.
 */

/** A drag of this many CSS pixels or more is a drag; less is a tap on the handle. */
export const DRAG_SLOP_PX = 6;
/** Within this many pixels of the viewport's top or bottom a touch drag scrolls the page. */
export const EDGE_PX = 56;
/** The most a touch drag scrolls the page in one frame, at the very edge. */
export const MAX_EDGE_STEP_PX = 18;

/**
 * The neighbours `task` goes between when dropped on `target` in `all` (in
 * order): it takes the target's place, below it when moving down and above it
 * when moving up. As the arguments of onReorder: [the task above, the task
 * below] (null at an end). Null: no move (the same task, or one not listed).
 */
export function placeOnDrop<T>(all: readonly T[], task: T, target: T): [T | null, T | null] | null {
  const from = all.indexOf(task);
  const to = all.indexOf(target);
  if (from < 0 || to < 0 || from === to) return null;
  return from < to ? [target, all[to + 1] ?? null] : [all[to - 1] ?? null, target];
}

/** Alt+↑/↓: one place up or down is a drop on the neighbour that way; null at an end. */
export function placeByStep<T>(all: readonly T[], task: T, up: boolean): [T | null, T | null] | null {
  const at = all.indexOf(task);
  const neighbour = at < 0 ? undefined : all[at + (up ? -1 : 1)];
  return neighbour === undefined ? null : placeOnDrop(all, task, neighbour);
}

/** A drop on a day's group moves the task there unless it is already on that day. */
export function movesToDay<T>(day: { day?: string; items: readonly T[] }, task: T): day is { day: string; items: readonly T[] } {
  return Boolean(day.day) && !day.items.includes(task);
}

/** Whether a pointer that went down at `from` and is now at `to` has started a drag. */
export function pastSlop(from: { x: number; y: number }, to: { x: number; y: number }, slop = DRAG_SLOP_PX): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) >= slop;
}

/** Pixels to scroll the page this frame for a touch drag at `y` in a viewport `height` tall: up (negative) near the top, down near the bottom, faster closer to the edge. */
export function edgeScroll(y: number, height: number, edge = EDGE_PX, max = MAX_EDGE_STEP_PX): number {
  if (height <= 2 * edge) return 0;
  if (y < edge) return -Math.ceil(max * Math.min(1, (edge - y) / edge));
  if (y > height - edge) return Math.ceil(max * Math.min(1, (y - (height - edge)) / edge));
  return 0;
}
