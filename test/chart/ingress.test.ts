/** The Ingress exposes what clients use (web app, REST API and its document, /docs, MCP) and nothing of Dapr's. */
import { expect } from "chai";
import { byKind, render } from "./lib/chart.js";

describe("helm chart: ingress paths", function () {

  it("routes the web app (with its service worker, manifest and icons), /api (with the OpenAPI document), /docs, /mcp and its OAuth metadata to the api; never callbacks or metrics", () => {
    const ingress = byKind(render("minikube"), "Ingress")[0] as any;
    const paths: string[] = ingress.spec.rules[0].http.paths.map((p: { path: string }) => p.path);
    expect(paths).to.include.members(["/", "/sw.js", "/manifest.webmanifest", "/assets", "/icons", "/api", "/docs", "/mcp", "/.well-known/oauth-protected-resource", "/healthz"]);
    for (const hidden of ["/dapr", "/actors", "/events", "/internal", "/metrics"]) expect(paths).not.to.include(hidden);
  });

  it("tells the api its public origin when the ingress has a host, so calendar-feed URLs point there", () => {
    const apiEnv = (extra: string[]) => {
      const api = byKind(render("minikube", extra), "Deployment").find((d: any) => d.metadata.name.endsWith("-api")) as any;
      const env: { name: string; value?: string }[] = api.spec.template.spec.containers.find((c: any) => c.name === "api").env;
      return env.find((e) => e.name === "PUBLIC_BASE_URL")?.value;
    };
    expect(apiEnv(["--set", "ingress.enabled=true", "--set", "ingress.host=tickler.example.com"])).to.equal("http://tickler.example.com");
    expect(apiEnv(["--set", "ingress.enabled=true", "--set", "ingress.host=tickler.example.com", "--set", "ingress.tls.enabled=true", "--set", "ingress.tls.secretName=t"]))
      .to.equal("https://tickler.example.com");
    expect(apiEnv(["--set", "ingress.enabled=true", "--set", "ingress.host="])).to.equal(undefined);
  });
});
