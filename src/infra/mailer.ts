/**
 * Outgoing email over SMTP through nodemailer (the de-facto SMTP client for
 * Node.js: maintained since 2010, no runtime dependencies, STARTTLS, auth,
 * pooling). One pooled transport per process; the notification dispatcher
 * decides about retries, so nodemailer itself never retries.
 */
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The notification's delivery id: Message-ID and X-Tickler-Delivery, the same on every retry. */
  deliveryId: string;
}

export interface Mailer {
  send(mail: OutgoingEmail): Promise<void>;
  close(): void;
}

/** An SMTP answer that will not change on a retry (5xx: bad recipient, rejected content). */
export class PermanentMailError extends Error {}

export interface SmtpSettings {
  /** smtp:// or smtps:// URL with credentials; or the parts below. */
  url?: string;
  host?: string;
  port?: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  from: string;
  timeoutMs: number;
  /**
   * STARTTLS is required on a plain (smtp://, port 587/25) connection: a
   * server that does not offer it, or a STARTTLS that fails, is an error,
   * never a fallback to plaintext. Off (SMTP_REQUIRE_TLS=false) only for a
   * loopback test receiver; smtps:// is TLS from the first byte either way.
   */
  requireTLS: boolean;
}

/**
 * Message-ID of a delivery: its id with characters a Message-ID's left part
 * may not hold replaced, at the sender's domain. Retries of one notification
 * carry the same one, so a receiving mail system can drop a resend.
 */
export function messageIdOf(deliveryId: string, from: string): string {
  const domain = /@([^>\s@]+)>?\s*$/.exec(from)?.[1] ?? "tickler.invalid";
  return `<${deliveryId.replace(/[^\w!#$%&'*+\-/=?^`{|}~.]/g, "_")}@${domain}>`;
}

/** nodemailer's transport options for these settings (one object for a URL or the parts, so timeouts and TLS apply to both). */
export function transportOptions(s: SmtpSettings): SMTPTransport.Options {
  return {
    ...(s.url ? { url: s.url } : { host: s.host, port: s.port, secure: s.secure ?? false, auth: s.user ? { user: s.user, pass: s.pass ?? "" } : undefined }),
    requireTLS: s.requireTLS,
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
  };
}

export function smtpMailer(s: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport(transportOptions(s));
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: s.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: messageIdOf(mail.deliveryId, s.from),
          headers: { "X-Tickler-Delivery": mail.deliveryId },
        });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (typeof code === "number" && code >= 500 && code < 600) throw new PermanentMailError((err as Error).message);
        throw err;
      }
    },
    close: () => transport.close(),
  };
}
