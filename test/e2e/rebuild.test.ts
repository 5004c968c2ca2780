/** The read model rebuilt from the audit log alone equals the live projection; tombstones expire. */
import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { connectMongo } from "../../src/infra/mongo.js";
import { rebuildReadModel } from "../../src/infra/rebuild.js";
import { TOMBSTONE_TTL_DAYS } from "../../src/infra/readModel.js";
import { apiAs, eventually, stack } from "../support/stack.js";

describe("rebuilding the read model from the audit log", function () {

  it("gives the same documents as the live projection", async () => {
    const user = `rebuild-${randomUUID()}`;
    const api = await apiAs(user);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await api.call("POST", "/tasks", { title: `task ${i}`, tags: [`t${i % 2}`], priority: "low" })).body.id);
    await api.call("PATCH", `/tasks/${ids[0]}`, { title: "renamed", priority: "high" });
    await api.call("POST", `/tasks/${ids[1]}/complete`);
    await api.call("POST", `/tasks/${ids[2]}/complete`);
    await api.call("POST", `/tasks/${ids[2]}/reopen`);
    await api.call("DELETE", `/tasks/${ids[3]}`);
    await api.call("POST", `/tasks/${ids[4]}/snooze`, { for: "PT1H" });
    // 6 creates, then update, complete, complete + reopen, delete, snooze.
    const expectedEvents = 6 + 6;
    const versions: Record<string, number> = { [ids[0]!]: 2, [ids[1]!]: 2, [ids[2]!]: 3, [ids[3]!]: 2, [ids[4]!]: 2, [ids[5]!]: 1 };
    const mongo = await connectMongo(stack().mongoUri);
    try {
      await eventually(() => mongo.collection("audit_log").countDocuments({ ownerId: user }), (n) => n === expectedEvents, 20_000, "all events audited");
      // The live projection has applied them too (versions match the actors').
      await eventually(
        () => mongo.collection("tasks_view").find({ ownerId: user }).toArray(),
        (docs) => docs.length === 6 && docs.every((d) => d.version === versions[String(d._id)]),
        20_000,
        "the live projection",
      );
      // The deleted one is a tombstone the store drops 30 days after the deletion; live ones never expire.
      const live = await mongo.collection("tasks_view").find({ ownerId: user }).toArray();
      for (const doc of live) {
        const expected = String(doc._id) === ids[3] ? Date.parse(String(doc.updatedAt)) + TOMBSTONE_TTL_DAYS * 86_400_000 : null;
        expect(doc.purgeAt instanceof Date ? doc.purgeAt.getTime() : doc.purgeAt, String(doc._id)).to.equal(expected);
      }
      const ttl = (await mongo.collection("tasks_view").indexes()).find((i) => i.key.purgeAt === 1);
      expect(ttl?.expireAfterSeconds, "TTL index on purgeAt").to.equal(0);
      const report = await rebuildReadModel(mongo, "tasks_view_rebuilt_test", [user]);
      expect(report).to.deep.equal({ events: expectedEvents, tasks: 6, differences: [], differing: 0 });
    } finally {
      await mongo.close();
    }
  });
});
