/**
 * PUT /me/preferences and the address confirmation over the HTTP layer, on an
 * in-memory preferences store: when a link is sent, what is kept, the daily
 * cap and a failed send each answer a problem that changes nothing. (The
 * real store, SMTP and link page: test/e2e/email.test.ts.)
 */
import { expect } from "chai";
import request from "supertest";
import { DEFAULT_PREFERENCES, type Preferences, type PreferencesInput } from "../../src/domain/index.js";
import { preferencesRoutes } from "../../src/api/me/preferences.js";
import type { EmailChange, EmailState } from "../../src/infra/preferences.js";
import { memoryApi, memoryToken } from "../support/memoryApi.js";

/** One user's stored preferences with the confirmation fields, as PreferencesStore keeps them. */
function memoryStore() {
  let prefs: Preferences = structuredClone(DEFAULT_PREFERENCES);
  let state = { confirmationId: null as string | null, confirmationsSent: [] as string[] };
  return {
    confirm: () => void (prefs = { ...prefs, emailConfirmed: true }),
    get: async () => structuredClone(prefs),
    emailState: async (): Promise<EmailState> => ({ email: prefs.email, emailConfirmed: prefs.emailConfirmed, ...structuredClone(state) }),
    put: async (_owner: string, input: PreferencesInput, change: EmailChange) => {
      prefs = change.kind === "keep" ? { ...input, email: prefs.email, emailConfirmed: prefs.emailConfirmed } : { ...input, emailConfirmed: false };
      if (change.kind === "set") state = { confirmationId: change.confirmationId, confirmationsSent: change.confirmationsSent };
      return structuredClone(prefs);
    },
    renewConfirmation: async (_owner: string, email: string, confirmationId: string, confirmationsSent: string[]) => {
      if (email !== prefs.email || prefs.emailConfirmed) return false;
      state = { confirmationId, confirmationsSent };
      return true;
    },
    get confirmationId() {
      return state.confirmationId;
    },
  };
}

describe("PUT /me/preferences: confirming a new email address", () => {
  let auth: string;
  before(async () => {
    auth = `Bearer ${await memoryToken("ada")}`;
  });

  function setup(sendFails = false) {
    const store = memoryStore();
    const sent: { to: string; confirmationId: string }[] = [];
    let clock = new Date("2026-03-01T09:00:00Z");
    const { server } = memoryApi((guard) => [
      preferencesRoutes({
        guard,
        store,
        now: () => clock,
        sendConfirmation: async (_owner, to, confirmationId) => {
          if (sendFails) throw new Error("notifications app unreachable");
          sent.push({ to, confirmationId });
        },
      }),
    ]);
    const put = (body: object) => request(server).put("/api/v1/me/preferences").set("authorization", auth).send(body);
    const resend = () => request(server).post("/api/v1/me/preferences/email-confirmation").set("authorization", auth);
    return { store, sent, put, resend, tick: (ms: number) => void (clock = new Date(clock.getTime() + ms)) };
  }

  it("a new address is stored unconfirmed and sent one link; the same address again sends nothing and keeps its state", async () => {
    const { store, sent, put } = setup();
    const first = await put({ email: "ada@example.com" });
    expect(first.status).to.equal(200);
    expect(first.body).to.include({ email: "ada@example.com", emailConfirmed: false });
    expect(sent).to.have.length(1);
    expect(sent[0]).to.include({ to: "ada@example.com" });
    expect(store.confirmationId, "the stored id is the link's").to.equal(sent[0]!.confirmationId);
    store.confirm();
    const again = await put({ email: "ada@example.com", timeZone: "Europe/Berlin" });
    expect(again.body).to.include({ email: "ada@example.com", emailConfirmed: true, timeZone: "Europe/Berlin" });
    expect(sent).to.have.length(1);
    const changed = await put({ email: "bob@example.com" });
    expect(changed.body).to.include({ email: "bob@example.com", emailConfirmed: false });
    expect(sent.map((s) => s.to)).to.deep.equal(["ada@example.com", "bob@example.com"]);
    expect(store.confirmationId).to.equal(sent[1]!.confirmationId);
    const removed = await put({ email: null });
    expect(removed.body).to.include({ email: null, emailConfirmed: false });
    expect(store.confirmationId, "no address, no link").to.equal(null);
    expect(sent).to.have.length(2);
  });

  it("at most 5 links in 24 hours: the 6th is a 429 with Retry-After that changes nothing; a day later it works again", async () => {
    const { store, sent, put, resend, tick } = setup();
    for (let n = 1; n <= 4; n++) expect((await put({ email: `a${n}@example.com` })).status).to.equal(200);
    expect((await resend()).status).to.equal(202);
    expect(sent).to.have.length(5);
    tick(3600_000);
    const refused = await put({ email: "a6@example.com", timeZone: "Europe/Berlin" });
    expect(refused.status).to.equal(429);
    expect(refused.headers["content-type"]).to.match(/^application\/problem\+json/);
    expect(refused.body).to.include({ type: "https://tickler.dev/problems/too_many_confirmations", status: 429 });
    expect(refused.headers["retry-after"]).to.equal(String(23 * 3600));
    expect((await resend()).status).to.equal(429);
    expect(sent).to.have.length(5);
    expect(await store.get(), "nothing changed").to.include({ email: "a4@example.com", timeZone: "UTC" });
    tick(23 * 3600_000 + 1000);
    expect((await put({ email: "a6@example.com" })).status).to.equal(200);
    expect(sent).to.have.length(6);
  });

  it("a link that cannot be queued is a 503 and the address stays as it was", async () => {
    const { store, put } = setup(true);
    const res = await put({ email: "ada@example.com", timeZone: "Europe/Berlin" });
    expect(res.status).to.equal(503);
    expect(res.body.type).to.equal("https://tickler.dev/problems/unavailable");
    expect(await store.get()).to.deep.equal(DEFAULT_PREFERENCES);
  });

  it("a resend needs an unconfirmed address", async () => {
    const { store, put, resend } = setup();
    expect((await resend()).body.type).to.equal("https://tickler.dev/problems/no_email");
    await put({ email: "ada@example.com" });
    const res = await resend();
    expect(res.status).to.equal(202);
    expect(res.body).to.deep.equal({ email: "ada@example.com", emailConfirmed: false });
    store.confirm();
    expect((await resend()).body.type).to.equal("https://tickler.dev/problems/already_confirmed");
  });
});
