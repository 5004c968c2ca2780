/**
 * A real SMTP server on loopback (nodemailer's `smtp-server`) that keeps every
 * message it accepts, parsed with `mailparser`. The test stack's apps are
 * started with SMTP_URL pointing at the test profile's fixed port
 * (Profile.smtpReceiver, scripts/test.ts), so the notifications app sends
 * its email here. Plain SMTP without STARTTLS or AUTH: it is loopback only
 * (the test stack runs with SMTP_REQUIRE_TLS=false for it).
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { eventually, stack } from "./stack.js";

export interface ReceivedMail {
  at: number;
  to: string[];
  parsed: ParsedMail;
  /** X-Tickler-Delivery */
  deliveryId: string | undefined;
}

export interface SmtpReceiver {
  port: number;
  mails: ReceivedMail[];
  /** Refuse the next `times` messages with a temporary 451 (then accept again). */
  failNext(times: number): void;
  close(): Promise<void>;
}

export async function startSmtpReceiver(port = stack().profile.smtpReceiver): Promise<SmtpReceiver> {
  const mails: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (failures > 0) {
            failures--;
            const err = Object.assign(new Error("try again later"), { responseCode: 451 });
            callback(err);
            return;
          }
          const header = parsed.headers.get("x-tickler-delivery");
          mails.push({ at: Date.now(), to: session.envelope.rcptTo.map((r) => r.address), parsed, deliveryId: typeof header === "string" ? header : undefined });
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    port,
    mails,
    failNext: (times) => {
      failures = times;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export const CONFIRMATION_SUBJECT = "Confirm your email address for Tickler";

/** The confirmation emails `to` has received, oldest first. */
export const confirmationsTo = (smtp: SmtpReceiver, to: string) => smtp.mails.filter((m) => m.to.includes(to) && m.parsed.subject === CONFIRMATION_SUBJECT);

/** The link of the `nth` (1-based) confirmation email to `to`, once it has arrived. */
export async function confirmationLink(smtp: SmtpReceiver, to: string, nth = 1): Promise<string> {
  const mails = await eventually(async () => confirmationsTo(smtp, to), (m) => m.length >= nth, 60_000, `confirmation email ${nth} to ${to}`);
  const link = /^Confirm: (\S+)$/m.exec(mails[nth - 1]!.parsed.text ?? "")?.[1];
  if (!link) throw new Error(`no link in the confirmation email to ${to}: ${mails[nth - 1]!.parsed.text}`);
  return link;
}

/**
 * Confirms an address the way its owner does: opens the link from the
 * email (a page with a button) and presses the button (the form's POST).
 * Answers the page the POST got.
 */
export async function followConfirmation(link: string): Promise<{ status: number; html: string }> {
  const shown = await fetch(link, { redirect: "manual" });
  const html = await shown.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (shown.status !== 200 || !action) return { status: shown.status, html };
  const done = await fetch(new URL(action.replace(/&amp;/g, "&"), link), { method: "POST", redirect: "manual" });
  return { status: done.status, html: await done.text() };
}

/** Waits for the confirmation email to `to` and follows its link; fails unless the address ends up confirmed. */
export async function confirmAddress(smtp: SmtpReceiver, to: string, nth = 1): Promise<void> {
  const res = await followConfirmation(await confirmationLink(smtp, to, nth));
  if (res.status !== 200 || !res.html.includes("Address confirmed")) throw new Error(`confirming ${to} answered ${res.status}: ${res.html}`);
}
