import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { Sidecar } from "../../src/infra/sidecar.js";
import { untilSidecarGone } from "../../src/infra/sidecarGone.js";

/** A clock that moves only when the code under test sleeps, and a sidecar that answers from a script. */
function scripted(answers: boolean[], probeMs = 0) {
  let t = 0;
  const probes: number[] = [];
  return {
    probes,
    now: () => t,
    sleep: async (ms: number) => {
      t += ms;
    },
    healthy: async () => {
      probes.push(t);
      t += probeMs;
      return answers.shift() ?? true;
    },
  };
}

describe("untilSidecarGone (ADR 0024)", () => {
  const opts = { pollMs: 500, failuresInARow: 2 };

  it("waits while the sidecar answers, and returns once it has failed twice in a row", async () => {
    const s = scripted([true, true, true, false, false]);
    expect(await untilSidecarGone(s.healthy, 30_000, opts, s.now, s.sleep)).to.equal("gone");
    expect(s.probes).to.deep.equal([0, 500, 1000, 1500, 2000]);
  });

  it("does not take one slow or failed answer for gone", async () => {
    const s = scripted([true, false, true, false, true, false, false]);
    expect(await untilSidecarGone(s.healthy, 30_000, opts, s.now, s.sleep)).to.equal("gone");
    expect(s.probes).to.have.length(7);
  });

  it("gives up at its bound while the sidecar still answers, probes included", async () => {
    const s = scripted([], 300);
    expect(await untilSidecarGone(s.healthy, 5_000, opts, s.now, s.sleep)).to.equal("waited");
    expect(s.now()).to.be.at.most(5_300);
    expect(s.now()).to.be.at.least(5_000);
  });

  it("a bound of 0 asks nothing", async () => {
    const s = scripted([]);
    expect(await untilSidecarGone(s.healthy, 0, opts, s.now, s.sleep)).to.equal("waited");
    expect(s.probes).to.deep.equal([]);
  });
});

describe("Sidecar.stopped (ADR 0024): only a closed port is stopped", () => {
  /** A Sidecar client pointed at a real listener that answers with `handler`; both closed after `use`. */
  async function against(handler: http.RequestListener, use: (sidecar: Sidecar, server: http.Server) => Promise<void>): Promise<void> {
    const server = http.createServer(handler);
    const port = await new Promise<number>((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));
    const sidecar = new Sidecar({ host: "127.0.0.1", httpPort: port, apiToken: "t" });
    try {
      await use(sidecar, server);
    } finally {
      server.closeAllConnections();
      if (server.listening) server.close();
      await sidecar.close();
    }
  }

  it("answering: not stopped; port closed: stopped", async () => {
    await against((_req, res) => res.writeHead(204).end(), async (sidecar, server) => {
      expect(await sidecar.stopped()).to.equal(false);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      expect(await sidecar.stopped()).to.equal(true);
    });
  });

  it("answering with an error (daprd's healthz while it shuts down): not stopped", async () => {
    await against((_req, res) => res.writeHead(500).end("shutting down"), async (sidecar) => {
      expect(await sidecar.stopped()).to.equal(false);
    });
  });

  it("no answer within its wait (a busy daprd): not stopped", async function () {
    this.timeout(6000);
    await against(() => undefined, async (sidecar) => {
      expect(await sidecar.stopped()).to.equal(false);
    });
  });
});
