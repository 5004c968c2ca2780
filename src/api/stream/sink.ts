/**
 * Where the stream subscribers put a frame for a user's live streams. The
 * api's LiveStreams (src/api/stream/routes.ts) is one; the subscribers know only
 * this, so they do not depend on the API layer.
 */
export interface StreamSink {
  send(userId: string, event: string, id: string, data: unknown): void;
}
