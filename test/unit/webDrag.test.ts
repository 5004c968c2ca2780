/** The web app's move decisions (web/src/dragPlace.ts), shared by the mouse drag, the touch drag and Alt+↑/↓. */
import { expect } from "chai";
import { DRAG_SLOP_PX, EDGE_PX, edgeScroll, MAX_EDGE_STEP_PX, movesToDay, pastSlop, placeByStep, placeOnDrop } from "../../web/src/dragPlace.js";

describe("web app: where a dragged task goes (web/src/dragPlace.ts)", () => {
  const all = ["a", "b", "c", "d"];

  it("dropped on a row further down, goes below it; further up, above it; the ends have no neighbour that side", () => {
    expect(placeOnDrop(all, "a", "c")).to.deep.equal(["c", "d"]);
    expect(placeOnDrop(all, "a", "d")).to.deep.equal(["d", null]);
    expect(placeOnDrop(all, "d", "b")).to.deep.equal(["a", "b"]);
    expect(placeOnDrop(all, "d", "a")).to.deep.equal([null, "a"]);
  });

  it("does not move a task dropped on itself or involving a task not listed", () => {
    expect(placeOnDrop(all, "b", "b")).to.equal(null);
    expect(placeOnDrop(all, "x", "b")).to.equal(null);
    expect(placeOnDrop(all, "b", "x")).to.equal(null);
  });

  it("Alt+↑/↓ is a drop on the neighbour that way, nothing at the ends", () => {
    expect(placeByStep(all, "c", true)).to.deep.equal(["a", "b"]);
    expect(placeByStep(all, "b", false)).to.deep.equal(["c", "d"]);
    expect(placeByStep(all, "b", true)).to.deep.equal([null, "a"]);
    expect(placeByStep(all, "c", false)).to.deep.equal(["d", null]);
    expect(placeByStep(all, "a", true)).to.equal(null);
    expect(placeByStep(all, "d", false)).to.equal(null);
    expect(placeByStep(all, "x", false)).to.equal(null);
  });

  it("moves a task dropped on another day, not on its own day nor on a group without a day", () => {
    expect(movesToDay({ day: "2026-12-08", items: ["b"] }, "a")).to.equal(true);
    expect(movesToDay({ day: "2026-12-08", items: ["a", "b"] }, "a")).to.equal(false);
    expect(movesToDay({ items: [] }, "a")).to.equal(false);
  });

  it("counts a pointer as dragging once it has moved the slop in any direction", () => {
    const from = { x: 100, y: 100 };
    expect(pastSlop(from, { x: 100, y: 100 })).to.equal(false);
    expect(pastSlop(from, { x: 100 + DRAG_SLOP_PX - 1, y: 100 })).to.equal(false);
    expect(pastSlop(from, { x: 100, y: 100 - DRAG_SLOP_PX })).to.equal(true);
    expect(pastSlop(from, { x: 105, y: 105 })).to.equal(true);
  });

  it("scrolls the page near the viewport's top (up) and bottom (down), faster at the edge, never in the middle", () => {
    const h = 800;
    expect(edgeScroll(h / 2, h)).to.equal(0);
    expect(edgeScroll(EDGE_PX, h)).to.equal(0);
    expect(edgeScroll(h - EDGE_PX, h)).to.equal(0);
    expect(edgeScroll(0, h)).to.equal(-MAX_EDGE_STEP_PX);
    expect(edgeScroll(h, h)).to.equal(MAX_EDGE_STEP_PX);
    expect(edgeScroll(-20, h)).to.equal(-MAX_EDGE_STEP_PX);
    const near = edgeScroll(h - EDGE_PX / 4, h);
    const nearer = edgeScroll(h - 2, h);
    expect(near).to.be.greaterThan(0).and.lessThan(nearer);
    // A viewport too short for two edges never scrolls on its own.
    expect(edgeScroll(10, 2 * EDGE_PX)).to.equal(0);
  });
});
