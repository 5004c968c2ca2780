/**
 * One start/stop for an app's background work and held connections: building
 * an app starts nothing (a test can walk its routes); src/app.ts starts the
 * workers in list order once the app is built and stops them in reverse, so a
 * worker is stopped before what it uses is closed.
 */
export interface Worker {
  name: string;
  start?(): void;
  stop(): Promise<void> | void;
}

export interface Lifecycle {
  start(): void;
  stop(): Promise<void>;
}

export function lifecycle(workers: readonly Worker[]): Lifecycle {
  return {
    start() {
      for (const w of workers) w.start?.();
    },
    async stop() {
      for (const w of [...workers].reverse()) await w.stop();
    },
  };
}
