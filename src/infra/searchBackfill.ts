/**
 * Gives documents stored before search had an index their search keys
 * (docs/adr/0010-search-index.md), in the background after the api starts:
 * batches of BATCH until none is left, then a marker so later starts skip
 * the scan. Idempotent, so racing replicas are harmless; a store that is down
 * is retried.
 */
import type { Connection } from "mongoose";
import type { Worker } from "./lifecycle.js";
import type { Logger } from "./logger.js";
import type { ReadModel } from "./readModel.js";

const BATCH = 500;
const RETRY_MS = 5000;
// v2: the keyed words (docs/adr/0029-search-by-month.md) beside the words and text of v1.
const MARKER = { collection: "migrations", id: "read-model-search-keys-v2" };

export function searchBackfill(mongo: Connection, readModel: ReadModel, log: Logger): Worker {
  let stopped = false;
  let running: Promise<void> | undefined;
  const markers = () => mongo.db!.collection<{ _id: string; doneAt: Date; documents: number }>(MARKER.collection);

  async function run(): Promise<void> {
    while (!stopped) {
      try {
        if (await markers().findOne({ _id: MARKER.id })) return readModel.keyedWordsStored();
        let total = 0;
        for (let n = await readModel.backfillSearchKeys(BATCH); n > 0 && !stopped; n = await readModel.backfillSearchKeys(BATCH)) {
          total += n;
          log.info({ documents: total }, "search keys added to stored tasks so far");
        }
        if (stopped) return;
        await markers().updateOne({ _id: MARKER.id }, { $set: { doneAt: new Date(), documents: total } }, { upsert: true });
        readModel.keyedWordsStored();
        if (total > 0) log.info({ documents: total }, "search keys added to every stored task");
        return;
      } catch (err) {
        log.warn({ err: (err as Error).message }, `adding search keys failed; retrying in ${RETRY_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS).unref());
      }
    }
  }

  return {
    name: "search keys backfill",
    start() {
      running = run();
    },
    async stop() {
      stopped = true;
      await running;
    },
  };
}
