/**
 * The ids and frames of the live stream. A task frame's id is the event id
 * (`<taskId>:v<version>`, see domain/events.ts), a reminder frame's the
 * delivery id (`<taskId>:r-<ms>` or `:snooze-<ms>`); the two never collide,
 * so an id alone says where to look it up when a client resumes.
 */

/** The task and version a task event id names, or null for any other id. */
export function taskEventRef(id: string): { taskId: string; version: number } | null {
  const match = /^(.+):v(\d{1,15})$/.exec(id);
  return match ? { taskId: match[1]!, version: Number(match[2]) } : null;
}

/** One Server-Sent Events frame. */
export function sseFrame(event: string, id: string, data: unknown): string {
  return `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export const RESYNC_FRAME = "event: resync\ndata: {}\n\n";
