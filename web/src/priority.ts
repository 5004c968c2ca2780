import type { Priority } from "./types";

/** Priority is shown by an icon and a word as well as a colour, so it reads without colour vision. */
export const PRIORITY_META: Record<Priority, { label: string; icon: string }> = {
  high: { label: "High", icon: "▲▲" },
  medium: { label: "Medium", icon: "▲" },
  low: { label: "Low", icon: "▽" },
  none: { label: "No priority", icon: "○" },
};
