/**
 * PROPPATCH and MKCALENDAR on a list's calendar collection: the client's
 * displayname, calendar-color and calendar-order become the list's name,
 * colour and position through the list's actor, the same commands as
 * PATCH and POST /api/v1/lists (audited, evented); any other property it may
 * set is kept as a dead property (src/infra/davListProps.ts). All or nothing
 * (src/domain/davProps.ts decides). docs/caldav.md.
 */
import type { Context } from "koa";
import type { ListActors } from "../../actors/client.js";
import { DomainError, MAX_LISTS_PER_USER, positionAt, type List, type ListAction } from "../../domain/index.js";
import { clark, NS, type XmlElement } from "../../domain/davXml.js";
import { decideListProps, mkcalendarInstructions, propsResponse, proppatchInstructions, type NameCheck } from "../../domain/davProps.js";
import type { DavListProps } from "../../infra/davListProps.js";
import type { ListsView } from "../../infra/listsView.js";
import { createListSchema } from "../lists/schema.js";

export interface ListPropsDeps {
  listActors: Pick<ListActors, "handle">;
  listsView: Pick<ListsView, "apply" | "countOwned">;
  deadProps: Pick<DavListProps, "of" | "write" | "replace">;
  now(): Date;
}

/** Times a PROPPATCH re-reads the dead properties when another client's write came between its read and its write. */
const DEAD_WRITE_ATTEMPTS = 3;

/** What the DAV routes lend these handlers. */
export interface DavHelpers {
  userId(ctx: Context): string;
  /** The list at the URL if the caller may do `action` (404 or 403 need-privileges otherwise). */
  listFor(ctx: Context, action: ListAction): Promise<List>;
  readXml(ctx: Context, required: boolean): Promise<XmlElement | null>;
  /** A DAV error answer: status, precondition element (Clark name), description. */
  fail(status: number, condition: string | null, message: string): Error;
  multistatus(ctx: Context, responses: string[]): Promise<void>;
  collectionHref(listId: string): string;
}

/** A new list named by no displayname. */
export const UNNAMED_LIST = "New list";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The REST schema's check of a list name (trimmed, one line, at most 100 characters). */
const checkName: NameCheck = (raw) => {
  const r = createListSchema.shape.name.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? "is not a list name" };
};

export function listPropHandlers(deps: ListPropsDeps, h: DavHelpers) {
  async function proppatch(ctx: Context): Promise<void> {
    // Renaming and recolouring a list is PATCH /lists/{id}: the access policy's editList.
    const list = await h.listFor(ctx, "editList");
    const instructions = proppatchInstructions((await h.readXml(ctx, true))!);
    let stored = await deps.deadProps.of(list.id);
    const decision = decideListProps(instructions, false, checkName, stored.props);
    if (decision.ok && Object.keys(decision.patch).length > 0) {
      const view = await deps.listActors.handle(list.id, { kind: "update", userId: h.userId(ctx), patch: decision.patch });
      await deps.listsView.apply(view.list, view.deleted, view.invitations);
    }
    // Dead properties are written only after the list actor took its part: a refusal there leaves them unchanged, and a
    // failure from here on is an error answer (503 after repeated conflicts, 500 if the store fails), never a 207 claiming both.
    if (decision.deadChanged) {
      let next = decision;
      for (let attempt = 1; !(await deps.deadProps.write(list.id, next.dead, stored.version, deps.now())); attempt++) {
        stored = await deps.deadProps.of(list.id);
        next = decideListProps(instructions, false, checkName, stored.props);
        if (attempt >= DEAD_WRITE_ATTEMPTS || !next.ok) {
          const applied = Object.keys(decision.patch).length > 0 ? "the displayname, calendar-color and calendar-order given are applied, the other properties are not" : "nothing is changed";
          throw h.fail(503, null, `other clients changed this calendar's properties meanwhile: ${applied}; send it again`);
        }
      }
    }
    await h.multistatus(ctx, [propsResponse(h.collectionHref(list.id), decision.outcomes)]);
  }

  async function mkcalendar(ctx: Context): Promise<void> {
    const user = h.userId(ctx);
    const listId = String(ctx.params.list).toLowerCase();
    if (UUID.test(listId) && (await exists(ctx))) throw methodNotAllowed(ctx);
    // Lists are addressed by id, so the client's segment becomes the new list's id: every client we know names a new
    // calendar with a fresh UUID. Version 5 is left out: those ids are derived (Inboxes, occurrences), not random.
    if (!UUID.test(listId) || listId[14] === "5") {
      throw h.fail(403, clark(NS.caldav, "calendar-collection-location-ok"), "name a new calendar with a fresh UUID: /dav/calendars/<uuid>/");
    }
    const body = await h.readXml(ctx, false);
    const decision = decideListProps(body ? mkcalendarInstructions(body) : [], true, checkName);
    if (!decision.ok) {
      // RFC 4791 5.3.1: a DAV:set that cannot be done makes nothing; 207 with each property's status.
      await h.multistatus(ctx, [propsResponse(h.collectionHref(listId), decision.outcomes)]);
      return;
    }
    // Counted from the view as POST /lists counts: the cap bounds storage.
    if ((await deps.listsView.countOwned(user)) >= MAX_LISTS_PER_USER) {
      throw h.fail(403, clark(NS.dav, "quota-not-exceeded"), `a user owns at most ${MAX_LISTS_PER_USER} lists (MAX_LISTS_PER_USER): delete one before making another`);
    }
    const { name, ...rest } = decision.patch;
    let view;
    try {
      view = await deps.listActors.handle(listId, {
        kind: "create", userId: user, listId, input: { name: name ?? UNNAMED_LIST, ...rest }, position: positionAt(deps.now().toISOString()),
      });
    } catch (err) {
      if (err instanceof DomainError && err.code === "already_exists") throw methodNotAllowed(ctx);
      throw err;
    }
    await deps.listsView.apply(view.list, false, view.invitations);
    // After the list exists (as in PROPPATCH): a failure here is a 500 for a list made without its other properties.
    if (decision.dead.length > 0) await deps.deadProps.replace(listId, decision.dead, deps.now());
    ctx.status = 201;
    ctx.set("Location", h.collectionHref(listId));
    ctx.body = "";
  }

  /** Whether a list is at the URL (one the caller cannot see exists too: its id was the client's guess of a random UUID). */
  async function exists(ctx: Context): Promise<boolean> {
    try {
      await h.listFor(ctx, "read");
      return true;
    } catch (err) {
      if ((err as { status?: number }).status === 403) return true;
      if ((err as { status?: number }).status === 404) return false;
      throw err;
    }
  }

  function methodNotAllowed(ctx: Context): Error {
    ctx.set("Allow", COLLECTION_ALLOW.replace(", MKCALENDAR", ""));
    return h.fail(405, clark(NS.dav, "resource-must-be-null"), "a calendar exists at this URL: MKCALENDAR makes a new one only");
  }

  return { proppatch, mkcalendar };
}

/** The methods a list's collection URL takes (OPTIONS answers them); MKCALENDAR only where no list is. */
export const COLLECTION_ALLOW = "OPTIONS, PROPFIND, PROPPATCH, REPORT, MKCALENDAR";
