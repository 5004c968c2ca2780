/** Shapes of the JSON API (see API.md) as the app uses them. */
export type Priority = "none" | "low" | "medium" | "high";
export type Reminder = { before: string } | { at: string };

export interface Task {
  id: string;
  title: string;
  description: string;
  status: "open" | "completed";
  priority: Priority;
  tags: string[];
  dueAt: string | null;
  timeZone: string;
  reminders: Reminder[];
  recurrence: { rule: string; mode: "schedule" | "completion"; text?: string } | null;
  snoozedUntil: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface HistoryEntry {
  eventId: string;
  type: string;
  version: number;
  occurredAt: string;
  changed: string[];
}

export interface InboxItem {
  deliveryId: string;
  taskId: string;
  title: string;
  remindAt: string;
  firedAt: string | null;
  state: string;
}

export interface TagCount {
  tag: string;
  count: number;
}

export interface ReminderDue {
  deliveryId: string;
  remindAt: string;
  task: Task;
}
