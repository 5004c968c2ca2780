/**
 * Two-way sync with vdirsyncer and todoman (PyPI, pinned;
 * scripts/obtain/davclients.sh) against the real stack: ten alternating
 * rounds of changes on the terminal side (`todo new`, `todo done`) and on the
 * REST side (create, rename, complete), each followed by `vdirsyncer sync`;
 * afterwards both sides hold the same tasks, none duplicated or lost.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { target } from "../support/stack.js";
import { davClients, davUser, run } from "../support/davClients.js";

interface Porcelain {
  id: number;
  summary: string;
  completed: boolean;
}

describe("CalDAV two-way with vdirsyncer and todoman (e2e)", function () {
  this.timeout(600_000);
  let bin: string;
  before(() => {
    bin = davClients();
  });

  it("ten alternating rounds: nothing duplicated or lost", async () => {
    const ada = await davUser(bin, "dav-vdir");
    const inbox = (await ada.rest.call<{ items: { id: string; inbox: boolean }[] }>("GET", "/lists")).body.items.find((l) => l.inbox)!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tickler-vdirsyncer-"));
    const local = path.join(dir, "lists", "tickler");
    fs.mkdirSync(local, { recursive: true });
    fs.mkdirSync(path.join(dir, "status"));
    const vdirConfig = path.join(dir, "vdirsyncer.conf");
    fs.writeFileSync(vdirConfig, [
      "[general]", `status_path = "${path.join(dir, "status")}/"`, "",
      "[pair tickler]", 'a = "local"', 'b = "remote"', "collections = null", 'conflict_resolution = "b wins"', "",
      "[storage local]", 'type = "filesystem"', `path = "${local}/"`, 'fileext = ".ics"', "",
      "[storage remote]", 'type = "caldav"', `url = "${target().apiUrl}/dav/calendars/${inbox.id}/"`, `username = "${ada.user}"`, `password = "${ada.password}"`, 'item_types = ["VTODO"]', "",
    ].join("\n"));
    const todoConfig = path.join(dir, "todoman.py");
    fs.writeFileSync(todoConfig, [
      `path = "${path.join(dir, "lists")}/*"`, `cache_path = "${path.join(dir, "todoman.sqlite3")}"`,
      'date_format = "%Y-%m-%d"', 'time_format = "%H:%M"', 'default_list = "tickler"', "humanize = False", "",
    ].join("\n"));
    const env = { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_CACHE_HOME: dir, PYTHONWARNINGS: "ignore" };
    const sync = async () => {
      await run(path.join(bin, "vdirsyncer"), ["-c", vdirConfig, "sync"], { env, timeout: 120_000 });
    };
    const todo = async (...args: string[]) => (await run(path.join(bin, "todo"), ["--config", todoConfig, ...args], { env, timeout: 60_000 })).stdout;
    const local_ = async (): Promise<Porcelain[]> => JSON.parse(await todo("--porcelain", "list", "--status", "ANY")) as Porcelain[];
    const remote = async () => (await ada.rest.call<{ items: { id: string; title: string; status: string; version: number }[] }>("GET", "/tasks?status=all&limit=100")).body.items;

    await run(path.join(bin, "vdirsyncer"), ["-c", vdirConfig, "discover"], { env, timeout: 120_000, input: "y\n" } as never).catch(() => undefined);
    await sync();
    for (let round = 1; round <= 10; round++) {
      if (round % 2 === 1) {
        await todo("new", "-l", "tickler", `terminal ${round}`);
        if (round >= 5) {
          const open = (await local_()).filter((t) => !t.completed && t.summary.startsWith("terminal"));
          await todo("done", String(open[0]!.id));
        }
      } else {
        expect((await ada.rest.call("POST", "/tasks", { title: `rest ${round}` })).status).to.equal(201);
        const renamable = (await remote()).find((t) => t.title === `rest ${round - 2}`);
        if (renamable) await ada.rest.call("PATCH", `/tasks/${renamable.id}`, { title: `rest ${round - 2} renamed` }, { "If-Match": `"${renamable.version}"` });
      }
      await sync();
      const [l, r] = [await local_(), await remote()];
      const localTitles = l.map((t) => t.summary).sort();
      const remoteTitles = r.map((t) => t.title).sort();
      expect(localTitles, `round ${round}: the same tasks on both sides`).to.deep.equal(remoteTitles);
      expect(new Set(localTitles).size, `round ${round}: no duplicates`).to.equal(localTitles.length);
      expect(l.filter((t) => t.completed).map((t) => t.summary).sort(), `round ${round}: the same done`).to.deep.equal(r.filter((t) => t.status === "completed").map((t) => t.title).sort());
    }
    const finalTitles = (await remote()).map((t) => t.title).sort();
    expect(finalTitles).to.deep.equal([
      "rest 10", "rest 2 renamed", "rest 4 renamed", "rest 6 renamed", "rest 8 renamed",
      "terminal 1", "terminal 3", "terminal 5", "terminal 7", "terminal 9",
    ].sort());
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
