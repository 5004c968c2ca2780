/** Topic names are persisted contracts: they are named once, here. */
export const TOPICS = {
  taskEvents: "task-events",
  taskUpdates: "task-updates",
  reminders: "reminders",
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const deadLetterTopic = (topic: Topic): string => `${topic}-dlq`;
