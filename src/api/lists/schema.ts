/** Request and answer shapes for lists. Strict: unknown and server-owned fields are refused, not ignored. */
import { z } from "zod";
import { LIST_ROLES, listSchema, MAX_LIST_NAME, MAX_PENDING_INVITATIONS, type WritableListField } from "../../domain/index.js";
import { lineOfText, position, userIdSchema } from "../tasks/schema.js";

export { MAX_USER_ID, userIdSchema } from "../tasks/schema.js";



/** One line, as a task's title (the document states it the same way). */
const name = lineOfText(MAX_LIST_NAME);
// Without the i flag: the document's pattern (JSON Schema has no flags) must take upper case too.
const colour = z
  .string()
  .max(7, "must be a colour such as #1e90ff")
  // eslint-disable-next-line regexp/use-ignore-case
  .regex(/^#[0-9a-fA-F]{6}$/, "must be a colour such as #1e90ff").transform((c) => c.toLowerCase());

const optionalFields = {
  colour: colour.nullable().optional(),
  archived: z.boolean().optional(),
  position: position.optional().meta({ description: "the list's place among the caller's lists (default: after the others made before)" }),
} satisfies Record<Exclude<WritableListField, "name">, z.ZodType>;

export const createListSchema = z.strictObject({ name, ...optionalFields });
export const patchListSchema = z
  .strictObject({ name: name.optional(), ...optionalFields })
  .refine((patch) => Object.keys(patch).length > 0, "send at least one field to change");

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/).meta({ format: "uuid" });
/** A list as the API answers it: the domain's, without the owner's internal id spelled differently. */
export const listBodySchema = listSchema.extend({ id: uuid });
export const listsBodySchema = z.strictObject({ items: z.array(listBodySchema) });

const invitedRole = z.enum(["editor", "commenter", "viewer"]);

/** An address as preferences take it (an invitation by email goes to whoever confirmed it). */
export const MAX_EMAIL = 254;
/** Whom to invite: a user id, or an address a user confirmed (docs/lists.md#invitations-by-email); exactly one. */
export const invitationSchema = z.strictObject({
  userId: userIdSchema.optional(),
  email: z.email("must be an email address").max(MAX_EMAIL).optional().meta({ description: "invite whoever confirmed this address in their preferences; they are also sent an email with a link to join (x-rules)" }),
  role: invitedRole.default("editor"),
}).refine((b) => (b.userId === undefined) !== (b.email === undefined), { message: "send userId or email (one of them)", path: ["userId"] });
export const memberPatchSchema = z.strictObject({ role: z.enum(LIST_ROLES).meta({ description: "owner transfers ownership: the member becomes the owner, the owner an editor" }) });
export const memberParam = userIdSchema;

export const invitationBodySchema = z.strictObject({
  id: uuid, listId: uuid, userId: z.string(), role: invitedRole, invitedBy: z.string(), createdAt: z.string(),
});
/** A list's invitations waiting for an answer (GET /lists/{id}/invitations), newest first; at most MAX_PENDING_INVITATIONS. */
export const pendingInvitationsSchema = z.strictObject({ items: z.array(invitationBodySchema).max(MAX_PENDING_INVITATIONS) });
export const myInvitationsSchema = z.strictObject({ items: z.array(invitationBodySchema.extend({ listName: z.string() })) });
export const membersSchema = z.strictObject({ items: z.array(z.strictObject({ userId: z.string(), role: z.enum(LIST_ROLES) })) });
