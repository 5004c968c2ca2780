/**
 * Shapes of the JSON API as the app uses them, taken from the types generated
 * from the served OpenAPI document (api-types.ts, scripts/webApiTypes.ts):
 * nothing here is copied by hand but the stream's reminder frame, which the
 * document does not describe (its task is the API's Task).
 */
import type { components } from "./api-types.js";

type Schemas = components["schemas"];

export type Task = Schemas["Task"];
export type Priority = Task["priority"];
export type Reminder = Task["reminders"][number];
export type Recurrence = NonNullable<Task["recurrence"]>;

/** A page of any list: TaskPage's and HistoryPage's shape with the item type as a parameter. */
export type Page<T> = Omit<Schemas["TaskPage"], "items"> & { items: T[] };

export type HistoryEntry = Schemas["HistoryEntry"];
export type InboxItem = Schemas["Notifications"]["items"][number];
export type TagCount = Schemas["Tags"]["items"][number];
export type AppPassword = Schemas["AppPassword"];
export type AppPasswordCreated = Schemas["AppPasswordCreated"];
export type Preferences = Schemas["Preferences"];

/** The live stream's `reminder.due` frame (src/api/stream/subscribers.ts). */
export interface ReminderDue {
  deliveryId: string;
  remindAt: string;
  firedAt: string;
  task: Task;
}

export type List = Schemas["List"];
export type QuickDraft = Schemas["QuickDraft"];
export type ParsedSpan = Schemas["ParsedSpan"];
export type Members = Schemas["Members"];
export type MyInvitation = Schemas["MyInvitations"]["items"][number];
export type PendingInvitation = Schemas["PendingInvitations"]["items"][number];
export type Comment = Schemas["Comment"];
export type ActivityEntry = Schemas["ActivityPage"]["items"][number];
