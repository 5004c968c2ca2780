/** Topic names are persisted contracts: they are named once, here. */
export const TOPICS = {
  taskEvents: "task-events",
  taskUpdates: "task-updates",
  reminders: "reminders",
} as const;

export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const deadLetterTopic = (topic: Topic): string => `${topic}-dlq`;

/**
 * Each api replica's proof that its live-stream consumer group is assigned:
 * it publishes heartbeats here until it reads its own back (and only then
 * reports ready). Short-lived messages; no dead-letter topic.
 */
export const STREAM_HEARTBEAT_TOPIC = "stream-heartbeats";
