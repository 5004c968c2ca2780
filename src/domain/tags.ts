/**
 * A tag renamed or removed across a person's tasks: one rule, used by the
 * API's retag (src/api/tags/retag.ts) and by the web app's offline view of a
 * queued one (web/src/offlineQueue.ts), so both show the same tags.
 */

/** A task's tags after `from` is renamed to `to` (merged if it has `to` already, order kept) or removed (`to` null); the same array when it lacks `from`. */
export function retagged<T extends readonly string[]>(tags: T, from: string, to: string | null): T | string[] {
  if (!tags.includes(from)) return tags;
  return [...new Set(tags.flatMap((t) => (t !== from ? [t] : to === null ? [] : [to])))];
}
