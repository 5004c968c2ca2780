/** Creates `count` tasks through the REST API, 8 at a time (a 500-task list in seconds, not minutes). */
type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

export async function seedTasks(call: Call, count: number, task: (i: number) => object, concurrency = 8): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const i = next++;
      const res = await call("POST", "/tasks", task(i));
      if (res.status !== 201) throw new Error(`POST /tasks answered ${res.status}: ${JSON.stringify(res.body)}`);
      ids.push(res.body.id as string);
    }
  }));
  return ids;
}
