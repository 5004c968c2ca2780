/**
 * Every route the api app serves to clients, with the zod schemas that
 * validate its input (the same objects the routes use) and describe its
 * answers. The OpenAPI document is generated from this list.
 */
import { z } from "zod";
import * as requests from "../tasks/schema.js";
import { LINE_PATTERN } from "../tasks/schema.js";
import * as responses from "./responses.js";
import { historyQuerySchema } from "../history/routes.js";
import { commentInput } from "../comments/routes.js";
import { activityQuerySchema } from "../lists/activity.js";
import { notificationsQuerySchema, webhookInput } from "../notifications/routes.js";
import { devSignInSchema } from "../session/routes.js";
import { renameSchema } from "../tags/routes.js";
import { preferencesInput } from "../me/schema.js";
import { appPasswordInput } from "../me/appPasswords.js";
import { MAX_APP_PASSWORDS } from "../../infra/appPasswords.js";
import { MAX_CONFIRMATIONS_PER_DAY, MAX_KEPT_VERSIONS, MAX_SUBTASK_DEPTH } from "../../domain/index.js";
import { exportQuerySchema, importQuerySchema, MAX_IMPORT_BYTES } from "../export/routes.js";
import { TODOIST_CELL_LIMITS, TODOIST_MAX_COLUMNS, TODOIST_OTHER_CELL_LIMIT } from "../../domain/importTodoist.js";
import { MAX_TASKS_PER_READ } from "../export/allTasks.js";
import { importFileDocument } from "../export/ticklerFile.js";
import { createListSchema, invitationBodySchema, invitationSchema, listBodySchema, listsBodySchema, memberPatchSchema, membersSchema, myInvitationsSchema, patchListSchema, pendingInvitationsSchema, userIdSchema } from "../lists/schema.js";

export type Method = "get" | "post" | "patch" | "put" | "delete";
export type ResponseHeader = "ETag" | "Location" | "Idempotent-Replayed" | "Idempotency-Key" | "Retry-After" | "WWW-Authenticate" | "Allow";

export interface Reply {
  description: string;
  /** Name of a component schema (see `components`); absent: no body. */
  body?: string;
  contentType?: string;
  /** Several content types, none with a schema (MCP's JSON-RPC errors beside problem+json). */
  contentTypes?: string[];
  headers?: ResponseHeader[];
}

export interface Operation {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** Needs a bearer token (default true). */
  auth?: boolean;
  query?: z.ZodObject;
  pathParams?: Record<string, { description: string; schema: z.ZodType }>;
  requestHeaders?: ("Idempotency-Key" | "If-Match" | "Last-Event-ID")[];
  /** Name of a component schema for the JSON body. */
  body?: string;
  /** Other content types the body may have instead of JSON (a string, e.g. text/csv), each with a description of that string. */
  otherBodyTypes?: Record<string, string>;
  replies: Record<number, Reply>;
  /**
   * Rules over several fields, the stored task or the clock, which a schema
   * cannot say: field path → the rule. A request breaking one answers 400
   * naming that field. Rendered as `x-rules` (the fuzzer holds the server to
   * them: a 400 for a request the schemas allow must name one of these).
   */
  rules?: Record<string, string>;
}

/** Request bodies (generated as the input a client sends) and answers (as the output the server produces). */
export const components = {
  requests: {
    TaskCreate: requests.createTaskSchema,
    TaskPatch: requests.patchTaskSchema,
    ListCreate: createListSchema,
    ListPatch: patchListSchema,
    InvitationCreate: invitationSchema,
    MemberPatch: memberPatchSchema,
    Snooze: requests.snoozeSchema,
    Revert: requests.revertSchema,
    CommentInput: commentInput,
    QuickAdd: requests.quickAddSchema,
    WebhookCreate: webhookInput,
    TagRename: renameSchema,
    DevSignIn: devSignInSchema,
    PreferencesPut: preferencesInput,
    AppPasswordCreate: appPasswordInput,
    ImportFile: importFileDocument,
    /** One component, so the long list of zones is in the document once. */
    TimeZone: requests.timeZone,
    /** What a client sends: a request (with id) or a notification (without); method and params as MCP defines them. */
    McpMessage: z.looseObject({ jsonrpc: z.literal("2.0"), method: z.string(), id: z.union([z.string(), z.number().int()]).optional(), params: z.record(z.string(), z.unknown()).optional() }),
  },
  responses: {
    Task: responses.taskSchema,
    QuickTask: responses.quickTaskSchema,
    QuickDraft: responses.quickDraftSchema,
    ParsedSpan: responses.parsedSpanSchema,
    TaskPage: responses.taskPageSchema,
    List: listBodySchema,
    Lists: listsBodySchema,
    Invitation: invitationBodySchema,
    PendingInvitations: pendingInvitationsSchema,
    MyInvitations: myInvitationsSchema,
    Members: membersSchema,
    CompleteResult: responses.completeResultSchema,
    Occurrences: responses.occurrencesSchema,
    Comment: responses.commentSchema,
    Comments: responses.commentsSchema,
    HistoryEntry: responses.historyEntrySchema,
    History: responses.historySchema,
    HistoryPage: responses.historyPageSchema,
    ActivityPage: responses.activityPageSchema,
    Tags: responses.tagsSchema,
    TagRenamed: responses.tagRenamedSchema,
    Webhook: responses.webhookSchema,
    Webhooks: responses.webhooksSchema,
    Notifications: responses.notificationsSchema,
    Preferences: responses.preferencesSchema,
    EmailConfirmationSent: responses.emailConfirmationSentSchema,
    CalendarFeed: responses.calendarFeedSchema,
    AppPassword: responses.appPasswordSchema,
    AppPasswords: responses.appPasswordsSchema,
    AppPasswordCreated: responses.appPasswordCreatedSchema,
    Export: responses.exportSchema,
    ImportResult: responses.importResultSchema,
    Problem: responses.problemSchema,
    Health: responses.healthSchema,
    Readiness: responses.readinessSchema,
  },
};

/** What the CSV body may hold (docs/api-limits.md). */
const TODOIST_CSV = `A Todoist CSV export: at most ${MAX_IMPORT_BYTES} bytes, ${MAX_TASKS_PER_READ} records after the header, ${TODOIST_MAX_COLUMNS} cells per record. ` +
  `Cells of at most ${Object.entries(TODOIST_CELL_LIMITS).map(([column, max]) => `${max} characters in ${column}`).join(", ")} and ${TODOIST_OTHER_CELL_LIMIT} in any other column. ` +
  "A longer cell answers 400 with its row and column as the error path (e.g. `row 5.DATE`), and nothing is imported.";

const PROBLEM_CODES: Record<number, string> = {
  400: "validation: malformed JSON, wrong types, unknown or server-owned fields, bad dates, zones, durations, RRULEs or query parameters",
  401: "unauthorized: missing, invalid or expired token",
  403: "forbidden: a member of the list whose role does not allow this (`errors` names the field)",
  404: "not_found: no such task (or another user's) or resource",
  409: "invalid_transition; cannot_undo: a restore or revert that cannot apply (the list is gone or closed to the caller, the version is no longer kept); or limit_reached: a per-user cap that frees only when the caller removes something (webhooks per user; `limit` names it)",
  412: "version_mismatch: stale or malformed If-Match",
  413: "payload_too_large: body over 64 KiB (an import: over 5 MiB)",
  415: "unsupported_media_type: body that is not JSON",
  422: "idempotency_conflict: Idempotency-Key reused with another request (a create's: also after deletion or after 24 h; a change's: on the same task, within 24 h); nothing was done",
  429: "rate_limited: over the per-user (unauthenticated routes: per-IP) budget, or limit_reached: too many open streams or running imports (`limit` names the cap); retry after Retry-After",
  500: "internal",
  503: "outcome-unknown: the write got no answer within WRITE_TIMEOUT_MS; it may have been applied. `taskId` names the task (`listId` the list, for a list's change: read it to find out); a task write's `idempotencyKey` (the one sent, or the one assigned) makes a retry safe; retry after Retry-After. Or overloaded: refused at once because the api is over capacity (SHED_MAX_INFLIGHT_WRITES, SHED_EVENT_LOOP_LAG_MS); nothing was done; retry after Retry-After. Or unavailable: something the request needs first (the list's or the task's actor) did not answer within WRITE_TIMEOUT_MS; nothing was done; retry after Retry-After",
};

export function problem(status: number): Reply {
  const headers: ResponseHeader[] = status === 429 || status === 503 ? ["Retry-After"] : status === 401 ? ["WWW-Authenticate"] : [];
  return { description: PROBLEM_CODES[status] ?? "problem", body: "Problem", contentType: "application/problem+json", headers };
}

const problems = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, problem(s)]));
const json = (description: string, body: string, headers: ResponseHeader[] = []): Reply => ({ description, body, headers });
const taskId = { id: { description: "task id", schema: z.uuid() } };
const listId = { id: { description: "list id", schema: z.uuid() } };
const withBody = [400, 413, 415];
/** What every task write other than a create answers besides its own headers (ADR 0018). */
const KEYED: ResponseHeader[] = ["Idempotent-Replayed", "Idempotency-Key"];
/** A tag in a path: a tag as tasks carry it, except "." and ".." (a URL resolves them away before it is sent). */
const tagPath = z.string().meta({ minLength: 1, maxLength: 40, pattern: LINE_PATTERN, allOf: [{ pattern: "^(?:[^.]|\\.[^.]|\\.\\.[\\s\\S])" }] });

/** What the rule pattern's words alternative cannot say. */
const RULE_WORDS = "words (\"every week on monday\") are read by rrule's English reader; words it cannot read are refused, naming recurrence.rule";

export const operations: Operation[] = [
  { method: "post", path: "/api/v1/tasks", summary: "Create a task", tag: "tasks", requestHeaders: ["Idempotency-Key"], body: "TaskCreate",
    rules: { dueAt: "a recurrence, and a reminder `before` the due date, need a dueAt", "recurrence.rule": RULE_WORDS, parentId: `a task in the same list (a new subtask without listId goes to its parent's list), not the task itself or one of its subtasks, at most ${MAX_SUBTASK_DEPTH} levels deep counting the task's own subtasks (docs/subtasks.md)`, assigneeId: "the owner of the task's list or one of its members (docs/lists.md#assignees)" },
    replies: { 201: json("created (or replayed with the same Idempotency-Key)", "Task", ["Location", "ETag", "Idempotent-Replayed", "Idempotency-Key"]), ...problems(...withBody, 403, 404, 422) } },
  { method: "get", path: "/api/v1/tasks", summary: "List and search the caller's tasks", tag: "tasks", query: requests.listQuerySchema,
    rules: { cursor: "only a nextCursor this API issued, sent with the same sort", assignee: "without list, only me" },
    replies: { 200: json("a page of tasks", "TaskPage"), ...problems(400, 404) } },
  { method: "post", path: "/api/v1/tasks/quick", summary: "Quick add: create a task from one line of English", tag: "tasks",
    query: requests.quickAddQuerySchema, requestHeaders: ["Idempotency-Key"], body: "QuickAdd",
    rules: { text: "holds words for the title besides the dates, tags, priority and reminders it names", title: "what is left for the title is at most 200 characters", tags: "each #tag at most 40 characters, at most 20 of them", dueAt: "a repeat (\"every week\") needs a date" },
    replies: {
      200: json("dryRun=true: the task that would be created, nothing stored", "QuickDraft"),
      201: json("created, with the spans of the text that became fields", "QuickTask", ["Location", "ETag", "Idempotent-Replayed", "Idempotency-Key"]),
      ...problems(...withBody, 422),
    } },
  { method: "get", path: "/api/v1/tasks/{id}", summary: "Read a task", tag: "tasks", pathParams: taskId,
    replies: { 200: json("the task", "Task", ["ETag"]), ...problems(404) } },
  { method: "patch", path: "/api/v1/tasks/{id}", summary: "Change some fields of a task", tag: "tasks", pathParams: taskId, requestHeaders: ["If-Match", "Idempotency-Key"], body: "TaskPatch",
    rules: { dueAt: "the task as changed (its stored fields and these) still has a dueAt if it recurs or has a reminder `before` the due date", "recurrence.rule": RULE_WORDS, parentId: `a task in the same list (a new subtask without listId goes to its parent's list), not the task itself or one of its subtasks, at most ${MAX_SUBTASK_DEPTH} levels deep counting the task's own subtasks (docs/subtasks.md)`,
      listId: "a subtask moves with its top-level task (whose subtasks go along), or alone with parentId null", assigneeId: "the owner of the task's list or one of its members (docs/lists.md#assignees)" },
    replies: { 200: json("the changed task (a move takes its subtasks along); a replay: the task as it is now, If-Match not checked again", "Task", ["ETag", ...KEYED]), ...problems(...withBody, 403, 404, 409, 412, 422) } },
  { method: "delete", path: "/api/v1/tasks/{id}", summary: "Move a task and its subtasks to the trash (restorable for 30 days, then purged) and cancel their reminders", tag: "tasks", pathParams: taskId, requestHeaders: ["Idempotency-Key"],
    replies: { 204: { description: "in the trash (or a replay of the delete with the same Idempotency-Key)", headers: KEYED }, ...problems(400, 403, 404, 409, 422) } },
  { method: "get", path: "/api/v1/trash", summary: "The caller's deleted tasks that can still be restored, newest deletion first", tag: "tasks", query: requests.trashQuerySchema,
    rules: { cursor: "only a nextCursor this API issued for the trash" },
    replies: { 200: json("a page of deleted tasks (updatedAt is when each was deleted)", "TaskPage"), ...problems(400) } },
  { method: "post", path: "/api/v1/tasks/{id}/restore", summary: "Bring a task back from the trash (the undo of a delete)", tag: "tasks", pathParams: taskId, requestHeaders: ["Idempotency-Key"],
    replies: { 200: json("restored, at a new version (a replay: the task as it is now)", "Task", ["ETag", ...KEYED]), ...problems(400, 403, 404, 409, 422) } },
  { method: "post", path: "/api/v1/tasks/{id}/revert", summary: "Make a new version equal to an earlier one (the undo of an edit, completion, move or reorder)", tag: "tasks", pathParams: taskId, requestHeaders: ["Idempotency-Key"], body: "Revert",
    rules: { version: `a version the task has had (at most its current version); one of its last ${MAX_KEPT_VERSIONS} versions, else 409 cannot_undo` },
    replies: { 200: json("the task with that version's content, at a new version (unchanged if already equal; a replay: the task as it is now)", "Task", ["ETag", ...KEYED]), ...problems(...withBody, 403, 404, 409, 422) } },
  { method: "post", path: "/api/v1/tasks/{id}/complete", summary: "Complete a task (a completion-mode series answers its next occurrence); its open subtasks too with withSubtasks=true", tag: "tasks", pathParams: taskId, query: requests.completeQuerySchema, requestHeaders: ["Idempotency-Key"],
    replies: { 200: json("completed (a replay: the task as it is now)", "CompleteResult", ["ETag", ...KEYED]), ...problems(400, 403, 404, 409, 422) } },
  { method: "post", path: "/api/v1/tasks/{id}/reopen", summary: "Reopen a completed task", tag: "tasks", pathParams: taskId, requestHeaders: ["Idempotency-Key"],
    replies: { 200: json("reopened (a replay: the task as it is now)", "Task", ["ETag", ...KEYED]), ...problems(400, 403, 404, 409, 422) } },
  { method: "post", path: "/api/v1/tasks/{id}/snooze", summary: "Move the next reminder (not the due date)", tag: "tasks", pathParams: taskId, requestHeaders: ["Idempotency-Key"], body: "Snooze",
    rules: { until: "a snooze ends in the future (a `for` of zero does not)" },
    replies: { 200: json("snoozed (a replay: the task as it is now)", "Task", ["ETag", ...KEYED]), ...problems(...withBody, 403, 404, 409, 422) } },
  { method: "get", path: "/api/v1/tasks/{id}/occurrences", summary: "The next due dates of a recurring task", tag: "tasks", pathParams: taskId, query: requests.occurrencesQuerySchema,
    replies: { 200: json("upcoming occurrences", "Occurrences"), ...problems(400, 404) } },
  { method: "get", path: "/api/v1/lists", summary: "The caller's lists in their order (the Inbox is made on first use)", tag: "lists",
    replies: { 200: json("the lists", "Lists") } },
  { method: "post", path: "/api/v1/lists", summary: "Make a list", tag: "lists", body: "ListCreate",
    replies: { 201: json("made", "List", ["Location", "ETag"]), ...problems(...withBody, 409) } },
  { method: "get", path: "/api/v1/lists/{id}", summary: "Read a list", tag: "lists", pathParams: listId,
    replies: { 200: json("the list", "List", ["ETag"]), ...problems(404) } },
  { method: "patch", path: "/api/v1/lists/{id}", summary: "Rename, recolour, archive or reorder a list", tag: "lists", pathParams: listId, requestHeaders: ["If-Match"], body: "ListPatch",
    replies: { 200: json("the changed list", "List", ["ETag"]), ...problems(...withBody, 403, 404, 412) } },
  { method: "delete", path: "/api/v1/lists/{id}", summary: "Delete an empty list (not the Inbox)", tag: "lists", pathParams: listId,
    replies: { 204: { description: "deleted" }, ...problems(403, 404, 409) } },
  { method: "post", path: "/api/v1/lists/{id}/invitations", summary: "Invite a user to a list with a role (owner only; they join only by accepting; inviting again updates the role)", tag: "lists",
    pathParams: listId, body: "InvitationCreate",
    rules: { userId: "userId or email, exactly one", email: "an address a user confirmed (one user)" },
    replies: { 201: json("the invitation", "Invitation"), ...problems(...withBody, 403, 404, 409) } },
  { method: "get", path: "/api/v1/lists/{id}/invitations", summary: "The list's invitations still waiting for an answer, newest first (owner only; at most 50, never paged)", tag: "lists", pathParams: listId,
    replies: { 200: json("the waiting invitations", "PendingInvitations"), ...problems(403, 404) } },
  { method: "delete", path: "/api/v1/lists/{id}/invitations/{invitationId}", summary: "Withdraw an invitation still waiting for an answer (owner only): the invitee no longer sees it and cannot accept it", tag: "lists",
    pathParams: { ...listId, invitationId: { description: "invitation id", schema: z.uuid() } },
    replies: { 204: { description: "withdrawn" }, ...problems(403, 404) } },
  { method: "get", path: "/api/v1/me/invitations", summary: "Invitations waiting for the caller's answer", tag: "lists",
    replies: { 200: json("invitations", "MyInvitations") } },
  { method: "post", path: "/api/v1/me/invitations/{id}/accept", summary: "Accept an invitation: join the list with its role", tag: "lists",
    pathParams: { id: { description: "invitation id", schema: z.uuid() } },
    replies: { 200: json("the list joined", "List"), ...problems(404) } },
  { method: "post", path: "/api/v1/me/invitations/{id}/decline", summary: "Decline an invitation", tag: "lists",
    pathParams: { id: { description: "invitation id", schema: z.uuid() } },
    replies: { 204: { description: "declined" }, ...problems(404) } },
  { method: "get", path: "/api/v1/lists/{id}/members", summary: "The list's owner and members with their roles", tag: "lists", pathParams: listId,
    replies: { 200: json("members", "Members"), ...problems(404) } },
  { method: "patch", path: "/api/v1/lists/{id}/members/{userId}", summary: "Change a member's role (owner only); role owner transfers ownership", tag: "lists",
    pathParams: { ...listId, userId: { description: "the member's user id", schema: userIdSchema } }, body: "MemberPatch",
    replies: { 200: json("members", "Members"), ...problems(...withBody, 403, 404) } },
  { method: "delete", path: "/api/v1/lists/{id}/members/{userId}", summary: "Remove a member (owner only), or leave when it is the caller; effective at once on every request", tag: "lists",
    pathParams: { ...listId, userId: { description: "the member's user id", schema: userIdSchema } },
    replies: { 204: { description: "removed" }, ...problems(400, 403, 404) } },
  { method: "get", path: "/api/v1/lists/{id}/activity", summary: "The audited changes of the list's tasks and of the list itself (members, roles, invitations), newest first, to every member", tag: "lists",
    pathParams: listId, query: activityQuerySchema, rules: { cursor: "only a nextCursor this API issued" },
    replies: { 200: json("a page of activity", "ActivityPage"), ...problems(400, 404) } },
  { method: "get", path: "/api/v1/tasks/{id}/comments", summary: "A task's comments, oldest first (to whoever may read the task)", tag: "comments", pathParams: taskId,
    replies: { 200: json("the comments", "Comments"), ...problems(404) } },
  { method: "post", path: "/api/v1/tasks/{id}/comments", summary: "Comment on a task (owner, editor or commenter of its list; not a viewer)", tag: "comments", pathParams: taskId, body: "CommentInput",
    replies: { 201: json("the comment", "Comment", ["Location"]), ...problems(...withBody, 403, 404, 409) } },
  { method: "patch", path: "/api/v1/tasks/{id}/comments/{commentId}", summary: "Edit one's own comment", tag: "comments",
    pathParams: { ...taskId, commentId: { description: "comment id", schema: z.uuid() } }, body: "CommentInput",
    replies: { 200: json("the edited comment", "Comment"), ...problems(...withBody, 403, 404, 409) } },
  { method: "delete", path: "/api/v1/tasks/{id}/comments/{commentId}", summary: "Delete a comment: one's own, or any as the list's owner", tag: "comments",
    pathParams: { ...taskId, commentId: { description: "comment id", schema: z.uuid() } },
    replies: { 204: { description: "deleted" }, ...problems(403, 404, 409) } },
  { method: "get", path: "/api/v1/tasks/{id}/history", summary: "Audit trail of a task, oldest first", tag: "history", pathParams: taskId,
    replies: { 200: json("the task's history", "History"), ...problems(404) } },
  { method: "get", path: "/api/v1/history", summary: "The caller's history across all tasks, in recording order", tag: "history", query: historyQuerySchema,
    rules: { cursor: "only a nextCursor this API issued" },
    replies: { 200: json("a page of history", "HistoryPage"), ...problems(400) } },
  { method: "get", path: "/api/v1/tags", summary: "The caller's tags on live tasks, most used first", tag: "tags",
    replies: { 200: json("tags with counts", "Tags") } },
  { method: "patch", path: "/api/v1/tags/{tag}", summary: "Rename a tag, or merge it into an existing one, across the caller's tasks", tag: "tags",
    pathParams: { tag: { description: "the tag", schema: tagPath } }, body: "TagRename",
    replies: { 200: json("renamed", "TagRenamed"), ...problems(...withBody) } },
  { method: "delete", path: "/api/v1/tags/{tag}", summary: "Remove a tag from all of the caller's tasks", tag: "tags",
    pathParams: { tag: { description: "the tag", schema: tagPath } },
    replies: { 204: { description: "removed" }, ...problems(400) } },
  { method: "post", path: "/api/v1/webhooks", summary: "Register a reminder webhook", tag: "notifications", body: "WebhookCreate",
    rules: { url: "must not point at a loopback, private or link-local address (unless the deployment allows it)" },
    replies: { 201: json("registered", "Webhook"), ...problems(...withBody, 409) } },
  { method: "get", path: "/api/v1/webhooks", summary: "List the caller's webhooks (secrets are never returned)", tag: "notifications",
    replies: { 200: json("webhooks", "Webhooks") } },
  { method: "delete", path: "/api/v1/webhooks/{id}", summary: "Remove a webhook", tag: "notifications", pathParams: { id: { description: "webhook id", schema: z.uuid() } },
    replies: { 204: { description: "removed" }, ...problems(404) } },
  { method: "get", path: "/api/v1/notifications", summary: "The in-app inbox: upcoming reminders, then fired ones", tag: "notifications", query: notificationsQuerySchema,
    replies: { 200: json("notifications", "Notifications"), ...problems(400) } },
  { method: "get", path: "/api/v1/me/preferences", summary: "The caller's notification preferences (the defaults until first saved)", tag: "me",
    replies: { 200: json("the preferences", "Preferences") } },
  { method: "put", path: "/api/v1/me/preferences", summary: "Replace the caller's notification preferences (a field left out takes its default); a new email address is stored unconfirmed and sent a confirmation link, and nothing else is emailed to it until the link is followed", tag: "me", body: "PreferencesPut",
    rules: { email: "an email channel needs an email address", "quietHours.end": "differs from quietHours.start" },
    replies: {
      200: json("the preferences now stored (emailConfirmed: false after a new address)", "Preferences"),
      ...problems(...withBody),
      429: { ...problem(429), description: `too_many_confirmations: a new address would be the ${MAX_CONFIRMATIONS_PER_DAY + 1}th confirmation email in 24 hours; nothing was changed` },
      503: { ...problem(503), description: "unavailable: the confirmation email could not be queued; nothing was changed" },
    } },
  { method: "post", path: "/api/v1/me/preferences/email-confirmation", summary: "Send a fresh confirmation link to the stored, unconfirmed email address (earlier links stop working)", tag: "me",
    replies: {
      202: json("sent", "EmailConfirmationSent"),
      409: { ...problem(409), description: "no_email, already_confirmed, or email_changed (the address changed meanwhile)" },
      429: { ...problem(429), description: `too_many_confirmations: at most ${MAX_CONFIRMATIONS_PER_DAY} confirmation emails in 24 hours` },
      503: { ...problem(503), description: "unavailable: the confirmation email could not be queued" },
    } },
  { method: "post", path: "/api/v1/me/calendar-feed", summary: "Issue a secret iCalendar feed URL for the caller's open dated tasks (replaces any earlier one)", tag: "me",
    replies: { 201: json("the feed URL", "CalendarFeed") } },
  { method: "delete", path: "/api/v1/me/calendar-feed", summary: "Revoke the caller's calendar feed (its URL then answers 404)", tag: "me",
    replies: { 204: { description: "revoked (also when there was none)" } } },
  { method: "post", path: "/api/v1/me/app-passwords", summary: "Create a named app password for a CalDAV client (Basic auth, accepted under /dav/ only); the password is answered this once", tag: "me", body: "AppPasswordCreate",
    replies: { 201: json("the password, its user name and the CalDAV URL", "AppPasswordCreated"), ...problems(...withBody),
      409: { ...problem(409), description: `limit_reached: the caller has ${MAX_APP_PASSWORDS} app passwords already (revoke one first)` } } },
  { method: "get", path: "/api/v1/me/app-passwords", summary: "The caller's app passwords (never the passwords themselves), with when each was last used", tag: "me",
    replies: { 200: json("oldest first", "AppPasswords") } },
  { method: "delete", path: "/api/v1/me/app-passwords/{id}", summary: "Revoke an app password: the next request with it is refused", tag: "me",
    pathParams: { id: { description: "app password id", schema: z.string().regex(/^[0-9a-f]{16}$/) } },
    replies: { 204: { description: "revoked" }, ...problems(404) } },
  { method: "get", path: "/api/v1/actions/{link}", summary: "Landing page of an email's one-click link (Complete, Snooze 1 h, or confirming an email address): shows a button, changes nothing; the signed link is the credential", tag: "notifications", auth: false,
    pathParams: { link: { description: "the signed link token from the email", schema: z.string() } },
    rules: { link: "only a link this API signed and emailed (any other answers the HTML page of 400)" },
    replies: {
      200: { description: "HTML page with a button that POSTs", contentType: "text/html" },
      400: { description: "HTML page: the link is not valid (tampered)", contentType: "text/html" },
      403: { description: "HTML page: the link's user may no longer act on the task (removed from its list); nothing changed", contentType: "text/html" },
      410: { description: "HTML page: the link has expired (7 days; an address confirmation 48 hours), confirms an address that was changed since, or joins a list by an invitation no longer waiting (answered or withdrawn)", contentType: "text/html" },
      ...problems(429),
    } },
  { method: "post", path: "/api/v1/actions/{link}", summary: "Carry out an email's one-click action (through the task's actor, or confirming the address); at most once per email and action, also when clicks race (the others answer \"Already done\")", tag: "notifications", auth: false,
    pathParams: { link: { description: "the signed link token from the email", schema: z.string() } },
    rules: { link: "only a link this API signed and emailed (any other answers the HTML page of 400)" },
    replies: {
      200: { description: "HTML page saying what was done (or that it was already done)", contentType: "text/html" },
      400: { description: "HTML page: the link is not valid (tampered)", contentType: "text/html" },
      403: { description: "HTML page: the link's user may no longer act on the task (removed from its list); nothing changed, the link is not used up", contentType: "text/html" },
      409: { description: "HTML page: another click on this link is still being carried out (reload to see its outcome)", contentType: "text/html" },
      410: { description: "HTML page: the link has expired, confirms an address that was changed since, or joins a list by an invitation no longer waiting (answered or withdrawn; nothing changed)", contentType: "text/html" },
      ...problems(429),
    } },
  { method: "get", path: "/api/v1/calendar/{feed}", summary: "The calendar feed (RFC 5545): the URL is the credential, no bearer token; at most 5,000 tasks", tag: "me", auth: false,
    pathParams: { feed: { description: "the secret token, with .ics", schema: z.string() } },
    replies: { 200: { description: "iCalendar: one VEVENT per open task with a due date", contentType: "text/calendar" }, ...problems(404, 429) } },
  { method: "get", path: "/api/v1/export", summary: "All the caller's tasks (at most 5,000): JSON with each task's history, or ?format=csv", tag: "export", query: exportQuerySchema,
    replies: { 200: { description: "the export (as an attachment)", body: "Export", contentTypes: ["text/csv"] }, ...problems(400) } },
  { method: "post", path: "/api/v1/import", summary: "Import a Tickler export (JSON) or a Todoist CSV export; importing the same source again creates nothing", tag: "export",
    body: "ImportFile", otherBodyTypes: { "text/csv": TODOIST_CSV }, query: importQuerySchema,
    rules: { tasks: "each task as POST /tasks takes it: a recurrence, or a reminder `before` the due date, needs a dueAt (tasks.<index>.dueAt)",
      lists: "each list as POST /lists takes it (lists.<index>.name)", listName: "not with list" },
    replies: { 200: json("what was created and what existed already", "ImportResult"), ...problems(400, 404, 409, 413, 415, 429) } },
  { method: "get", path: "/api/v1/stream", summary: "Server-Sent Events: task.<kind> (data: the task) and reminder.due, id: = event id", tag: "stream", requestHeaders: ["Last-Event-ID"],
    replies: { 200: {
      description: "an endless event stream. Frames: `id: <event id>`, `event: task.created|task.updated|task.completed|task.reopened|task.snoozed|task.deleted` " +
        "(data: the task), `event: comment.added|comment.edited|comment.deleted` (data: the comment and `actor`, to the task's readers), `event: reminder.due` (data: { task, remindAt, firedAt, deliveryId }), `event: resync` when Last-Event-ID can be resumed from " +
        "neither the replica's window nor the history (unknown id, or more than 1000 events missed: reload what you show); `: keep-alive` comments every 15 s. Delivery is at least once: deduplicate on the id.",
      contentType: "text/event-stream",
    }, ...problems(429) } },
  { method: "get", path: "/api/v1/session/config", summary: "Which sign-in the web app offers (dev, oidc or none); no secrets", tag: "session", auth: false,
    replies: { 200: { description: "{ mode, ... }", contentType: "application/json" }, ...problems(429) } },
  { method: "post", path: "/api/v1/session/dev", summary: "Development sign-in: { user } → a 15-minute token (only with AUTH_DEV_SIGN_IN=true)", tag: "session", auth: false, body: "DevSignIn",
    replies: { 200: { description: "{ token, user, expiresAt }", contentType: "application/json" }, ...problems(...withBody, 404, 429) } },
  { method: "get", path: "/", summary: "The web app", tag: "web", auth: false, replies: { 200: { description: "HTML", contentType: "text/html" } } },
  { method: "get", path: "/assets/{file}", summary: "The web app's content-hashed assets", tag: "web", auth: false,
    pathParams: { file: { description: "asset file name", schema: z.string() } },
    replies: { 200: { description: "script, style or image", contentType: "*/*" }, ...problems(404) } },
  { method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "meta", auth: false,
    replies: { 200: { description: "OpenAPI 3.1", contentType: "application/json" } } },
  { method: "get", path: "/docs", summary: "Reference page for this document", tag: "meta", auth: false,
    replies: { 200: { description: "HTML", contentType: "text/html" } } },
  { method: "get", path: "/docs/docs.js", summary: "Script of the reference page", tag: "meta", auth: false,
    replies: { 200: { description: "JavaScript", contentType: "text/javascript" } } },
  { method: "post", path: "/mcp", summary: "Model Context Protocol, Streamable HTTP, stateless (GET answers 405): revision 2026-07-28, and the 2025-era revisions after initialize", tag: "mcp", body: "McpMessage",
    replies: {
      200: { description: "JSON-RPC answer, as JSON. A 2025-era request's Accept must name both application/json and text/event-stream (MCP Streamable HTTP), else 406", contentType: "application/json", contentTypes: ["text/event-stream"] },
      202: { description: "notification accepted" },
      400: { description: "malformed JSON (problem+json) or not a valid JSON-RPC message, an MCP-Protocol-Version header that disagrees with the body (-32020), or a revision not served (-32022, naming the served one) (JSON-RPC error)", contentTypes: ["application/problem+json", "application/json"] },
      405: { description: "GET and DELETE: the endpoint is stateless", contentType: "application/problem+json", headers: ["Allow"] },
      406: { description: "2025-era: Accept must name application/json and text/event-stream (JSON-RPC error)", contentType: "application/json" },
      ...problems(413, 415),
    } },
  { method: "get", path: "/.well-known/oauth-protected-resource", summary: "OAuth protected-resource metadata (RFC 9728) for MCP clients", tag: "mcp", auth: false,
    replies: { 200: { description: "metadata", contentType: "application/json" }, ...problems(429) } },
  { method: "get", path: "/healthz", summary: "Liveness (always 200 while the process runs): up, or down when a shared dependency failed the latest background check", tag: "meta", auth: false, replies: { 200: json("alive", "Health") } },
  { method: "get", path: "/readyz", summary: "Readiness of this process: its sidecar and (api) its live-stream consumer; not the shared stores or broker", tag: "meta", auth: false,
    replies: { 200: json("ready", "Readiness"), 503: json("not ready", "Readiness") } },
  { method: "get", path: "/metrics", summary: "Prometheus metrics of the process", tag: "meta", auth: false,
    replies: { 200: { description: "Prometheus text format", contentType: "text/plain" } } },
];
