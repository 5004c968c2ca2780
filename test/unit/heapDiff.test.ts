/** scripts/soak/heapDiff.ts: live objects by kind from V8's heap snapshot format, and their growth. */
import { expect } from "chai";
import { growth, kindsOf, type HeapSnapshot } from "../../scripts/soak/heapDiff.js";

/** A snapshot in V8's layout: each node is [type, name, id, self_size, edge_count]. */
function snapshot(nodes: [type: number, name: number, size: number][], strings: string[]): HeapSnapshot {
  return {
    snapshot: { meta: { node_fields: ["type", "name", "id", "self_size", "edge_count"], node_types: [["hidden", "array", "string", "object", "code", "closure", "regexp", "number", "native", "synthetic", "concatenated string", "sliced string"]] } },
    nodes: nodes.flatMap(([type, name, size], id) => [type, name, id, size, 0]),
    strings,
  };
}

describe("heapDiff: a heap's growth by kind of object", () => {
  const strings = ["TaskActor", "Map", "task.created", "a longer string", "x"];
  const before = kindsOf(snapshot([[3, 0, 100], [3, 1, 40], [2, 2, 20]], strings));
  const after = kindsOf(snapshot([[3, 0, 100], [3, 0, 100], [3, 0, 100], [2, 2, 20], [10, 4, 32], [11, 3, 16]], strings));

  it("counts objects and sums their self size per constructor, every kind of string as one", () => {
    expect(Object.fromEntries(after)).to.deep.equal({
      "object TaskActor": { count: 3, bytes: 300 },
      string: { count: 3, bytes: 68 },
    });
  });

  it("lists each kind's change, the largest growth first, with kinds gone as negative", () => {
    expect(growth(before, after)).to.deep.equal([
      { kind: "object TaskActor", count: 2, bytes: 200, after: { count: 3, bytes: 300 } },
      { kind: "string", count: 2, bytes: 48, after: { count: 3, bytes: 68 } },
      { kind: "object Map", count: -1, bytes: -40, after: { count: 0, bytes: 0 } },
    ]);
  });
});
