/**
 * The gRPC reminder registration relies on the .proto files inside
 * @dapr/dapr: they must still describe RegisterActorReminder with a failure
 * policy whose constant branch we fill. And a reminder's data reads the same
 * whether daprd got it over HTTP (an object) or gRPC (base64 of its JSON),
 * and a gRPC failure is the same SidecarError an HTTP one is.
 */
import { expect } from "chai";
import * as protoLoader from "@grpc/proto-loader";
import * as grpc from "@grpc/grpc-js";
import { daprProtoRoot, failurePolicy, httpStatusOf, loadDaprService, ReminderScheduler, reminderData } from "../../src/infra/reminderScheduler.js";
import { SidecarError } from "../../src/infra/sidecar.js";

describe("reminder registration over daprd's gRPC API", () => {
  it("finds RegisterActorReminder and its failure policy in the SDK's protos", () => {
    const service = loadDaprService();
    expect(Object.keys(service.service)).to.include("RegisterActorReminder");
    const definition = protoLoader.loadSync("dapr/proto/runtime/v1/dapr.proto", { includeDirs: [daprProtoRoot()], keepCase: true });
    const request = definition["dapr.proto.runtime.v1.RegisterActorReminderRequest"] as unknown as { type: { field: { name: string; typeName: string }[] } };
    const fields = Object.fromEntries(request.type.field.map((f) => [f.name, f.typeName]));
    expect(fields.failure_policy).to.match(/(^|\.)common\.v1\.JobFailurePolicy$/);
    expect(Object.keys(fields)).to.include.members(["actor_type", "actor_id", "name", "due_time", "period", "data"]);
    const policy = definition["dapr.proto.common.v1.JobFailurePolicyConstant"] as unknown as { type: { field: { name: string }[] } };
    expect(policy.type.field.map((f) => f.name)).to.include.members(["interval", "max_retries"]);
  });

  it("retries every interval for the whole window", () => {
    expect(failurePolicy(5_000, 86_400_000)).to.deep.equal({ constant: { interval: { seconds: 5, nanos: 0 }, max_retries: 17_280 } });
    expect(failurePolicy(1_500, 3_000)).to.deep.equal({ constant: { interval: { seconds: 1, nanos: 500_000_000 }, max_retries: 2 } });
  });

  it("reads a reminder's data as registered over HTTP or over gRPC", () => {
    const data = { remindAt: "2026-06-01T10:00:00.000Z" };
    expect(reminderData(data)).to.deep.equal(data);
    expect(reminderData(Buffer.from(JSON.stringify(data)).toString("base64"))).to.deep.equal(data);
    expect(reminderData(null)).to.equal(null);
  });

  it("fails like the HTTP calls: a SidecarError, with no status when daprd was not reached", async () => {
    expect(httpStatusOf(grpc.status.UNAVAILABLE)).to.equal(null);
    expect(httpStatusOf(grpc.status.DEADLINE_EXCEEDED)).to.equal(null);
    expect(httpStatusOf(grpc.status.NOT_FOUND)).to.equal(404);
    expect(httpStatusOf(grpc.status.INVALID_ARGUMENT)).to.equal(400);
    expect(httpStatusOf(grpc.status.INTERNAL)).to.equal(500);
    // Port 1 on loopback: nothing listens, so the channel fails at once.
    const scheduler = new ReminderScheduler({ host: "127.0.0.1", grpcPort: 1, apiToken: "t", retryIntervalMs: 1_000, retryForMs: 2_000 });
    try {
      const failure = await scheduler.register("TaskActor", "t1", "due", { dueTime: "5s" }, 2_000).then(
        () => null,
        (err: unknown) => err,
      );
      expect(failure).to.be.instanceOf(SidecarError);
      expect((failure as SidecarError).status).to.equal(null);
    } finally {
      scheduler.close();
    }
  });
});
