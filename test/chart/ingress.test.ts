/** The Ingress exposes what clients use (web app, REST API and its document, /docs, MCP) and nothing of Dapr's. */
import { expect } from "chai";
import { byKind, render } from "./lib/chart.js";

describe("helm chart: ingress paths", function () {
  this.timeout(60_000);

  it("routes the web app, /api (with the OpenAPI document), /docs, /mcp and its OAuth metadata to the api; never callbacks or metrics", () => {
    const ingress = byKind(render("minikube"), "Ingress")[0] as any;
    const paths: string[] = ingress.spec.rules[0].http.paths.map((p: { path: string }) => p.path);
    expect(paths).to.include.members(["/", "/assets", "/api", "/docs", "/mcp", "/.well-known/oauth-protected-resource", "/healthz"]);
    for (const hidden of ["/dapr", "/actors", "/events", "/internal", "/metrics"]) expect(paths).not.to.include(hidden);
  });
});
