/**
 * The property test of issue 23, on the real stack: random sequences of
 * membership changes (invite and accept, role changes, removals, leaving),
 * task creates, edits and moves by three users, checked after each step
 * against a small model of who may see what. Each command's answer must be
 * the model's (allowed, or refused with 403 / 404), and after each step
 * every user's reads through REST (the list's tasks, each task) and MCP
 * (find-tasks on the list) agree with the model.
 */
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { expect } from "chai";
import fc from "fast-check";
import { inboxIdOf } from "../../src/infra/ids.js";
import { apiAs, target, tokenFor } from "../support/stack.js";

type Api = Awaited<ReturnType<typeof apiAs>>;
type Role = "owner" | "editor" | "commenter" | "viewer";
const USERS = 3;

type Step =
  | { kind: "join"; user: number; role: Exclude<Role, "owner"> }
  | { kind: "setRole"; user: number; role: Exclude<Role, "owner"> }
  | { kind: "remove"; user: number }
  | { kind: "leave"; user: number }
  | { kind: "create"; user: number }
  | { kind: "edit"; user: number; task: number }
  /** Moves a task into the mover's own Inbox. */
  | { kind: "moveOut"; user: number; task: number };

const memberRole = fc.constantFrom("editor", "commenter", "viewer") as fc.Arbitrary<Exclude<Role, "owner">>;
const other = fc.integer({ min: 1, max: USERS - 1 });
const anyone = fc.integer({ min: 0, max: USERS - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("join" as const), user: other, role: memberRole }),
  fc.record({ kind: fc.constant("setRole" as const), user: other, role: memberRole }),
  fc.record({ kind: fc.constant("remove" as const), user: other }),
  fc.record({ kind: fc.constant("leave" as const), user: other }),
  fc.record({ kind: fc.constant("create" as const), user: anyone }),
  fc.record({ kind: fc.constant("create" as const), user: anyone }),
  fc.record({ kind: fc.constant("edit" as const), user: anyone, task: fc.nat(20) }),
  fc.record({ kind: fc.constant("moveOut" as const), user: anyone, task: fc.nat(20) }),
);

/** Who is in the list with which role, and where each task is. */
interface Model {
  roles: Map<number, Role>;
  /** task id → the list it is in, and who holds it while in an Inbox (that Inbox's user). */
  tasks: Map<string, { listId: string; holder: number }>;
}

const mayRead = (m: Model, u: number) => m.roles.has(u);
const mayEdit = (m: Model, u: number) => m.roles.get(u) === "owner" || m.roles.get(u) === "editor";
/** Refused as the API refuses: 403 to a member without the right, 404 to anyone else. */
const refusal = (m: Model, u: number) => (m.roles.has(u) ? 403 : 404);

describe("sharing: random membership changes, moves and edits against a model (REST and MCP reads agree)", function () {
  this.timeout(900_000);

  it("answers every step as the model says and shows each user what the model says", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 12 }), async (steps) => {
        const users: Api[] = [];
        for (let i = 0; i < USERS; i++) users.push(await apiAs(`prop-${i}-${randomUUID()}`));
        const clients: Client[] = [];
        try {
          for (const u of users) {
            const client = new Client({ name: "prop", version: "1" });
            await client.connect(new StreamableHTTPClientTransport(new URL(`${target().apiUrl}/mcp`), { requestInit: { headers: { authorization: `Bearer ${await tokenFor(u.user)}` } } }));
            clients.push(client);
          }
          const list = (await users[0]!.call("POST", "/lists", { name: "Property" })).body.id as string;
          const model: Model = { roles: new Map([[0, "owner"]]), tasks: new Map() };
          const inList = () => [...model.tasks].filter(([, t]) => t.listId === list).map(([id]) => id);
          const taskAt = (n: number) => {
            const ids = [...model.tasks.keys()];
            return ids.length === 0 ? null : ids[n % ids.length]!;
          };

          for (const s of steps) {
            const me = users[s.user]!;
            const member = (u: number) => encodeURIComponent(users[u]!.user);
            let status: number;
            let want: number;
            switch (s.kind) {
              case "join": {
                if (model.roles.has(s.user)) continue;
                const invited = await users[0]!.call("POST", `/lists/${list}/invitations`, { userId: me.user, role: s.role });
                expect(invited.status, JSON.stringify(invited.body)).to.equal(201);
                status = (await me.call("POST", `/me/invitations/${invited.body.id}/accept`)).status;
                want = 200;
                model.roles.set(s.user, s.role);
                break;
              }
              case "setRole":
                status = (await users[0]!.call("PATCH", `/lists/${list}/members/${member(s.user)}`, { role: s.role })).status;
                want = model.roles.has(s.user) ? 200 : 404;
                if (model.roles.has(s.user)) model.roles.set(s.user, s.role);
                break;
              case "remove":
              case "leave":
                status = (await (s.kind === "remove" ? users[0]! : me).call("DELETE", `/lists/${list}/members/${member(s.user)}`)).status;
                want = model.roles.has(s.user) ? 204 : 404;
                model.roles.delete(s.user);
                break;
              case "create": {
                const made = await me.call("POST", "/tasks", { title: `by ${s.user}`, listId: list });
                status = made.status;
                want = mayEdit(model, s.user) ? 201 : refusal(model, s.user);
                if (status === 201) model.tasks.set(made.body.id as string, { listId: list, holder: s.user });
                break;
              }
              case "edit":
              case "moveOut": {
                const id = taskAt(s.task);
                if (!id) continue;
                const where = model.tasks.get(id)!;
                const inbox = inboxIdOf(me.user);
                status = (await me.call("PATCH", `/tasks/${id}`, s.kind === "edit" ? { title: "edited" } : { listId: inbox })).status;
                // A task in someone's Inbox is theirs alone; in the list, as the list's roles say.
                const allowed = where.listId === list ? mayEdit(model, s.user) : where.holder === s.user;
                const hidden = where.listId === list ? !mayRead(model, s.user) : where.holder !== s.user;
                want = allowed ? 200 : hidden ? 404 : 403;
                // In the mover's Inbox it is the mover's alone (an Inbox is never shared), whoever made it.
                if (status === 200 && s.kind === "moveOut") model.tasks.set(id, { listId: inbox, holder: s.user });
                break;
              }
            }
            expect(status, `${JSON.stringify(s)} with roles ${JSON.stringify([...model.roles])}`).to.equal(want);

            // Every user's reads agree with the model.
            for (let u = 0; u < USERS; u++) {
              const api = users[u]!;
              const listed = await api.call("GET", `/tasks?list=${list}&status=all&limit=100`);
              if (mayRead(model, u)) {
                expect(listed.status, `user ${u} reads the list`).to.equal(200);
                expect((listed.body.items as { id: string }[]).map((t) => t.id), `user ${u}'s REST view of the list`).to.have.members(inList());
                const found = (await clients[u]!.callTool({ name: "find-tasks", arguments: { list, status: "all", limit: 100 } })) as { isError?: boolean; structuredContent?: { items?: { id: string }[] }; content: { text: string }[] };
                expect(found.isError, JSON.stringify(found.content)).to.not.equal(true);
                const ids = found.structuredContent?.items?.map((t) => t.id) ?? [];
                expect(ids, `user ${u}'s MCP view of the list`).to.have.members(inList());
              } else {
                expect(listed.status, `user ${u} is no member`).to.equal(404);
              }
              for (const [id, t] of model.tasks) {
                const visible = t.listId === list ? mayRead(model, u) : t.holder === u;
                expect((await api.call("GET", `/tasks/${id}`)).status, `user ${u} reads task ${id}`).to.equal(visible ? 200 : 404);
              }
            }
          }
        } finally {
          for (const c of clients) await c.close();
        }
      }),
      { numRuns: 4, endOnFailure: true },
    );
  });
});
