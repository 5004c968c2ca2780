/** PUT /me/preferences: the whole object; a field left out takes its default (PUT replaces, it does not merge). */
import { z } from "zod";
import { assignmentChannels, CHANNELS, DEFAULT_PREFERENCES, LOCAL_TIME, MAX_DEFAULT_REMINDERS, normalizeChannels, type PreferencesInput } from "../../domain/index.js";
import { isoDuration, timeZone } from "../tasks/schema.js";

const localTime = z.string().regex(LOCAL_TIME, "must be a 24-hour time HH:MM, e.g. 07:30");
const channelList = z
  .array(z.enum(CHANNELS))
  .max(CHANNELS.length)
  .transform(normalizeChannels)
  .meta({ description: "any of webhook, email, inbox; inbox is always on (added if left out)" });

export const preferencesInput = z
  .strictObject({
    timeZone: timeZone.default(DEFAULT_PREFERENCES.timeZone).meta({ description: "IANA zone that quiet hours, the digest time and \"today\" are read in" }),
    email: z.email("must be an email address").max(254).nullable().default(null).meta({
      description: "a new address is stored unconfirmed and sent a confirmation link; nothing else goes to it until the link is followed (emailConfirmed in the answer)",
    }),
    channels: z
      .strictObject({
        reminders: channelList.default([...DEFAULT_PREFERENCES.channels.reminders]),
        digest: channelList.default([...DEFAULT_PREFERENCES.channels.digest]),
        assignments: z
          .array(z.enum(CHANNELS))
          .max(CHANNELS.length)
          .optional()
          .meta({ description: "\"assigned to you\" notices: any of webhook, email, inbox (inbox added if left out); [] turns them off; left out: the same as reminders" }),
      })
      .transform((c) => ({ reminders: c.reminders, digest: c.digest, assignments: assignmentChannels(c.assignments, c.reminders) }))
      .default({ reminders: [...DEFAULT_PREFERENCES.channels.reminders], digest: [...DEFAULT_PREFERENCES.channels.digest], assignments: [...DEFAULT_PREFERENCES.channels.assignments] }),
    quietHours: z
      .strictObject({ start: localTime, end: localTime })
      .refine((q) => q.start !== q.end, { message: "start and end must differ", path: ["end"] })
      .nullable()
      .default(null)
      .meta({ description: "in timeZone; may span midnight (22:00 → 07:00)" }),
    digestTime: localTime.nullable().default(null),
    defaultReminders: z
      .array(isoDuration)
      .max(MAX_DEFAULT_REMINDERS, `at most ${MAX_DEFAULT_REMINDERS} default reminders`)
      .transform((list) => [...new Set(list)])
      .default([])
      .meta({ description: "offsets before dueAt, e.g. [\"PT15M\"], for new tasks with a due date that name no reminders" }),
  })
  .refine((p: PreferencesInput) => !Object.values(p.channels).some((list) => list.includes("email")) || p.email !== null, {
    message: "an email channel needs an email address",
    path: ["email"],
  })
  .meta({
    examples: [{
      timeZone: "Europe/Berlin", email: "ada@example.com", channels: { reminders: ["email", "inbox"], digest: ["email"], assignments: [] },
      quietHours: { start: "22:00", end: "07:00" }, digestTime: "07:30", defaultReminders: ["PT15M"],
    }],
  });
