/**
 * A real SMTP server on loopback (nodemailer's `smtp-server`) that keeps every
 * message it accepts, parsed with `mailparser`. The test stack's apps are
 * started with SMTP_URL pointing at the test profile's fixed port
 * (Profile.smtpReceiver, scripts/test.ts), so the notifications app sends
 * its email here. Plain SMTP without STARTTLS or AUTH: it is loopback only.
 */
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { stack } from "./stack.js";

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
