/** The email channel in the chart: SMTP settings and the link secret come from Secrets; the cron binding wakes the notifications app. */
import { expect } from "chai";
import { byKind, render } from "./lib/chart.js";

type Env = { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];

function envOf(docs: unknown[], app: string): Env {
  const d = byKind(docs as never, "Deployment").find((x: any) => x.metadata.name.endsWith(`-${app}`)) as any;
  return d.spec.template.spec.containers.find((c: any) => c.name === app).env;
}

describe("helm chart: email channel and cron binding", function () {
  const on = ["--set", "email.enabled=true", "--set", "email.from=Tickler <t@example.com>", "--set", "ingress.enabled=true", "--set", "ingress.host=tickler.example.com"];

  it("off by default: no SMTP settings anywhere", () => {
    for (const app of ["api", "notifications", "audit"]) expect(envOf(render("minikube"), app).map((e) => e.name)).not.to.include.members(["SMTP_URL", "ACTION_LINK_SECRET"]);
  });

  it("on: the notifications app gets SMTP_URL and the link secret from Secrets, the sender and the public origin; the api the link secret", () => {
    const docs = render("minikube", on);
    const n = envOf(docs, "notifications");
    expect(n.find((e) => e.name === "SMTP_URL")?.valueFrom?.secretKeyRef).to.deep.equal({ name: "tickler-smtp", key: "url" });
    expect(n.find((e) => e.name === "ACTION_LINK_SECRET")?.valueFrom?.secretKeyRef).to.deep.equal({ name: "tickler-smtp", key: "action-link-secret" });
    expect(n.find((e) => e.name === "SMTP_FROM")?.value).to.equal("Tickler <t@example.com>");
    expect(n.find((e) => e.name === "PUBLIC_BASE_URL")?.value).to.equal("http://tickler.example.com");
    const a = envOf(docs, "api");
    expect(a.find((e) => e.name === "ACTION_LINK_SECRET")?.valueFrom?.secretKeyRef).to.deep.equal({ name: "tickler-smtp", key: "action-link-secret" });
    expect(a.map((e) => e.name)).not.to.include("SMTP_URL");
    expect(envOf(docs, "audit").map((e) => e.name)).not.to.include("ACTION_LINK_SECRET");
  });

  it("refuses email without a sender or without a public origin", () => {
    expect(() => render("minikube", ["--set", "email.enabled=true"])).to.throw(/email.from is required/);
    expect(() => render("minikube", ["--set", "email.enabled=true", "--set", "email.from=t@example.com", "--set", "ingress.enabled=false"])).to.throw(/publicBaseUrl/);
  });

  it("the cron binding is scoped to the notifications app, on the configured schedule and route", () => {
    const cron = byKind(render("minikube", ["--set", "config.cronSchedule=@every 2m"]), "Component").find((c: any) => c.metadata.name === "cron-tick") as any;
    expect(cron.spec.type).to.equal("bindings.cron");
    expect(cron.scopes).to.deep.equal(["notifications"]);
    const meta = Object.fromEntries(cron.spec.metadata.map((m: any) => [m.name, m.value]));
    expect(meta).to.deep.equal({ schedule: "@every 2m", direction: "input", route: "/internal/cron/tick" });
  });
});
