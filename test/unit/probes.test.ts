/** The readiness probe's Redis check against loopback servers that answer like Redis would. */
import net from "node:net";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { redisPing } from "../../src/infra/probes.js";

async function fakeRedis(reply: string): Promise<{ port: number; close: () => void }> {
  const server = net.createServer((socket) => socket.once("data", () => socket.end(reply)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, close: () => server.close() };
}

describe("redisPing (readiness of the actor state store)", () => {
  for (const [reply, up] of [
    ["+PONG\r\n", true],
    ["-NOAUTH Authentication required.\r\n", true],
    ["HTTP/1.1 400 Bad Request\r\n\r\n", false],
  ] as const) {
    it(`${up ? "counts" : "does not count"} ${JSON.stringify(reply.trim())} as up`, async () => {
      const server = await fakeRedis(reply);
      try {
        expect(await redisPing("127.0.0.1", server.port)).to.equal(up);
      } finally {
        server.close();
      }
    });
  }

  it("is down when nothing listens", async () => {
    const server = await fakeRedis("+PONG\r\n");
    server.close();
    expect(await redisPing("127.0.0.1", server.port, 500)).to.equal(false);
  });
});
