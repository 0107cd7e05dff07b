import type nodemailer from 'nodemailer';
import { lazyPackage } from '../lazy-package.js';

const mailLibrary = lazyPackage<typeof nodemailer>('nodemailer');

/** One finished message for one recipient. */
export interface OutgoingMessage {
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

/**
 * Hands messages to a mail server. A rejected promise carries nodemailer's `responseCode` when the
 * server answered (4xx temporary, 5xx permanent); without one (a dropped connection) it counts as temporary.
 */
export interface NewsletterTransport {
  send(m: OutgoingMessage): Promise<void>;
  close(): void;
}

export interface DkimConfig {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** Bulk mail through any SMTP server, over a pool of reused connections; DKIM-signed when a key is configured. */
export class SmtpNewsletterTransport implements NewsletterTransport {
  private readonly transport: nodemailer.Transporter;

  constructor(url: string, opts: { maxConnections: number; dkim: DkimConfig | null }) {
    const u = new URL(url);
    this.transport = mailLibrary().createTransport({
      pool: true,
      maxConnections: opts.maxConnections,
      // Many messages per connection: a new TLS handshake per message is what makes bulk mail slow.
      maxMessages: 1000,
      // A server that stops answering fails the message as temporary (retried later) instead of holding the
      // send for nodemailer's default 10 minutes per socket.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      host: u.hostname,
      port: Number(u.port || (u.protocol === 'smtps:' ? 465 : 587)),
      secure: u.protocol === 'smtps:',
      ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
      ...(opts.dkim ? { dkim: opts.dkim } : {}),
    });
  }

  async send(m: OutgoingMessage): Promise<void> {
    await this.transport.sendMail({
      from: m.from,
      to: m.to,
      subject: m.subject,
      html: m.html,
      text: m.text,
      messageId: m.messageId,
      headers: m.headers,
      // Named, so nodemailer does not scan every part and header of every message to choose (about a tenth
      // of the send's busy time in the profile). Quoted-printable keeps mostly-ASCII mail readable and small.
      textEncoding: 'quoted-printable',
      // Our parts are strings we built: nothing to fetch from files or URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** Development without SMTP_URL: one line per message on the console, nothing sent. */
export class PrintedNewsletterTransport implements NewsletterTransport {
  constructor(private readonly print: (line: string) => void) {}

  async send(m: OutgoingMessage): Promise<void> {
    this.print(`[newsletter] To: ${m.to} Subject: ${m.subject} (${m.html.length} bytes HTML, ${m.text.length} bytes text)`);
  }

  close(): void {}
}
