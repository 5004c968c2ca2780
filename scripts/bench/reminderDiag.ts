/**
 * When the webhook receiver got fewer reminders than were due, says where
 * they stopped: in the notifications app's store (by state, with the last
 * delivery error) or before it.
 */
import type { StackInfo } from "../stack/stack.js";
import { connectMongo } from "../../src/infra/mongo.js";

interface Stored {
  state: string;
  deliveries?: { state: string; attempts: number; lastError: string | null }[];
}

export async function reminderShortfall(info: StackInfo, ownerId: string, due: number, received: number): Promise<string> {
  const mongo = await connectMongo(info.mongoUri);
  try {
    const docs = (await mongo.collection("notifications").find({ ownerId }, { projection: { state: 1, deliveries: 1 } }).toArray()) as unknown as Stored[];
    const webhooks = await mongo.collection("webhooks").countDocuments({ ownerId });
    const byState = new Map<string, number>();
    for (const d of docs) for (const key of [d.state, ...(d.deliveries ?? []).map((x) => `delivery ${x.state}`)]) byState.set(key, (byState.get(key) ?? 0) + 1);
    const lastError = docs.flatMap((d) => d.deliveries ?? []).find((x) => x.lastError)?.lastError;
    return (
      `  WARNING: the receiver got ${received} of ${due}; the notifications store holds ${docs.length} for the owner ` +
      `(${[...byState].map(([k, v]) => `${k} ${v}`).join(", ") || "none"}), ${webhooks} webhook(s)` +
      `${lastError ? `; a delivery error: ${lastError}` : ""}\n`
    );
  } finally {
    await mongo.close();
  }
}
