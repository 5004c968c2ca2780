/**
 * A MOVE's Destination and Overwrite headers (src/domain/davMove.ts): where
 * in the caller's calendar home a task resource may go, and the RFC 4918
 * status that refuses any other place.
 */
import { expect } from "chai";
import { destinationOf, MAX_DESTINATION, MAX_FORMER_NAMES, nameIn, overwriteOf, withFormerName } from "../../src/domain/davMove.js";

const LIST = "0b6f2a7e-3c1d-4e5f-8a9b-0c1d2e3f4a5b";
const HOST = "tickler.example:8443";

describe("a MOVE's Destination", () => {
  it("names a list and a resource, by an absolute URL of this host or by a path", () => {
    expect(destinationOf(`https://${HOST}/dav/calendars/${LIST}/a.ics`, HOST)).to.deep.equal({ ok: true, listId: LIST, name: "a.ics" });
    expect(destinationOf(`http://TICKLER.example:8443/dav/calendars/${LIST.toUpperCase()}/a%40b.ics`, HOST), "host and list id in any case, the name decoded")
      .to.deep.equal({ ok: true, listId: LIST, name: "a@b.ics" });
    expect(destinationOf(`/dav/calendars/${LIST}/${"x".repeat(255)}`, HOST)).to.deep.equal({ ok: true, listId: LIST, name: "x".repeat(255) });
  });

  it("refuses another server's URL with 502", () => {
    for (const other of [`https://evil.example/dav/calendars/${LIST}/a.ics`, `https://tickler.example/dav/calendars/${LIST}/a.ics`, `ftp://${HOST}/dav/calendars/${LIST}/a.ics`]) {
      expect(destinationOf(other, HOST), other).to.include({ ok: false, status: 502 });
    }
  });

  it("refuses a place outside the calendar home, or a collection itself, with 403", () => {
    for (const path of ["/dav/principal/a.ics", "/api/v1/tasks/x", "/dav/calendars/", `/dav/calendars/${LIST}/`, `/dav/calendars/${LIST}`, "/dav/calendarsX/a", `/dav/calendars/${LIST}/a%2Fb`, `/dav/calendars/${LIST}/${"x".repeat(256)}`]) {
      expect(destinationOf(path, HOST), path).to.include({ ok: false, status: 403 });
    }
  });

  it("refuses a collection that cannot exist with 409", () => {
    for (const path of ["/dav/calendars/not-a-uuid/a.ics", `/dav/calendars/${LIST}/sub/a.ics`]) {
      expect(destinationOf(path, HOST), path).to.include({ ok: false, status: 409 });
    }
  });

  it("refuses a missing, malformed or oversized header with 400", () => {
    for (const header of ["", "  ", "not a url", `/dav/calendars/${LIST}/a.ics?x=1`, `https://${HOST}/dav/calendars/${LIST}/a.ics#f`, `/dav/calendars/${LIST}/%E0%A4%A`, `/dav/calendars/${LIST}/${"x".repeat(MAX_DESTINATION)}`]) {
      expect(destinationOf(header, HOST), header).to.include({ ok: false, status: 400 });
    }
  });
});

describe("a MOVE's Overwrite", () => {
  it("is T unless F; anything else is refused", () => {
    expect(overwriteOf("")).to.equal(true);
    expect(overwriteOf("T")).to.equal(true);
    expect(overwriteOf(" f ")).to.equal(false);
    expect(overwriteOf("yes")).to.equal(null);
  });
});

describe("a moved resource's names", () => {
  const A = "list-a";
  const B = "list-b";
  it("is its record's name in the record's list, the name it left with in a list it left, else the task id's", () => {
    const record = { listId: B, name: "new.ics", left: [{ listId: A, name: "old.ics" }] };
    expect(nameIn(record, B, "t")).to.equal("new.ics");
    expect(nameIn(record, A, "t"), "the old collection's sync reports the name it knew").to.equal("old.ics");
    expect(nameIn(record, "list-c", "t")).to.equal("t.ics");
    expect(nameIn(null, A, "t")).to.equal("t.ics");
    expect(nameIn({ listId: A, name: "x.ics" }, B, "t")).to.equal("t.ics");
  });

  it("keeps one former name per list, the latest, and at most MAX_FORMER_NAMES", () => {
    let left = withFormerName([], { listId: A, name: "1.ics" });
    left = withFormerName(left, { listId: B, name: "2.ics" });
    left = withFormerName(left, { listId: A, name: "3.ics" });
    expect(left).to.deep.equal([{ listId: B, name: "2.ics" }, { listId: A, name: "3.ics" }]);
    for (let i = 0; i < 20; i++) left = withFormerName(left, { listId: `l${i}`, name: `${i}.ics` });
    expect(left).to.have.length(MAX_FORMER_NAMES);
    expect(left.at(-1)).to.deep.equal({ listId: "l19", name: "19.ics" });
  });
});
