/**
 * Where the stream subscribers (./subscribers.ts) put a frame for a user's
 * live streams: LiveStreams (./routes.ts) is one, a test's recorder another.
 */
export interface StreamSink {
  send(userId: string, event: string, id: string, data: unknown): void;
}
