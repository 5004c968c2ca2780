import { expect } from "chai";
import { bucketDelta, parsePrometheusText, quantileFromBuckets, total } from "../../scripts/promScrape.js";

const TEXT = `# HELP x_total help
# TYPE x_total counter
x_total{app="api",outcome="applied",topic="task-events"} 7
x_total{app="api",outcome="duplicate",topic="task-events"} 2
x_total{app="api",outcome="duplicate",topic="reminders"} 1
lag_seconds_bucket{le="0.1",consumer="a"} 50
lag_seconds_bucket{le="0.2",consumer="a"} 90
lag_seconds_bucket{le="+Inf",consumer="a"} 100
lag_seconds_bucket{le="0.1",consumer="b"} 0
lag_seconds_bucket{le="0.2",consumer="b"} 0
lag_seconds_bucket{le="+Inf",consumer="b"} 0
`;

describe("Prometheus text scraping (fault tests and bench)", () => {
  it("sums counters by label", () => {
    const samples = parsePrometheusText(TEXT);
    expect(total(samples, "x_total", { outcome: "duplicate" })).to.equal(3);
    expect(total(samples, "x_total", { topic: "task-events" })).to.equal(9);
    expect(total(samples, "x_total", { outcome: "retried" })).to.equal(0);
  });

  it("estimates quantiles from bucket deltas, linear within a bucket", () => {
    const after = parsePrometheusText(TEXT);
    const buckets = bucketDelta(after, [], "lag_seconds", { consumer: "a" });
    expect(buckets).to.deep.equal([[0.1, 50], [0.2, 90], [Infinity, 100]]);
    expect(quantileFromBuckets(buckets, 0.5)).to.be.closeTo(0.1, 1e-9);
    expect(quantileFromBuckets(buckets, 0.7)).to.be.closeTo(0.15, 1e-9);
    // Beyond the last finite bucket the estimate is that bound (a floor).
    expect(quantileFromBuckets(buckets, 0.99)).to.equal(0.2);
    expect(Number.isNaN(quantileFromBuckets(bucketDelta(after, after, "lag_seconds"), 0.5))).to.equal(true);
  });
});
