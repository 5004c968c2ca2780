/** The tests' SSE frame reader (test/support/sseClient.ts), on frames split anywhere. */
import { expect } from "chai";
import { takeFrames } from "../support/sseClient.js";

describe("SSE frames in the tests' stream clients", () => {
  it("takes complete frames, keeps a partial one, and skips comments", () => {
    const first = takeFrames(": connected\n\nid: t:v1\nevent: task.created\ndata: {\"a\":1}\n\nid: t:v2\nevent: task.up");
    expect(first.blocks).to.deep.equal([{}, { id: "t:v1", event: "task.created", data: '{"a":1}' }]);
    const second = takeFrames(first.rest + "dated\ndata: {}\n\n");
    expect(second).to.deep.equal({ blocks: [{ id: "t:v2", event: "task.updated", data: "{}" }], rest: "" });
  });
});
