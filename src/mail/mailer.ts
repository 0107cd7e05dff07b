import type nodemailer from 'nodemailer';
import { lazyPackage } from '../lazy-package.js';

const mailLibrary = lazyPackage<typeof nodemailer>('nodemailer');

export interface Message {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail. SMTP when SMTP_URL is set; otherwise messages are printed (development). */
export interface Mailer {
  send(message: Message): Promise<void>;
}

export class SmtpMailer implements Mailer {
  private readonly transport: nodemailer.Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.transport = mailLibrary().createTransport(url);
  }

  async send(m: Message): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text });
  }
}

/** Development: prints each message instead of sending it. */
export class ConsoleMailer implements Mailer {
  constructor(private readonly print: (s: string) => void) {}

  async send(m: Message): Promise<void> {
    this.print(`[mail] To: ${m.to}\n[mail] Subject: ${m.subject}\n${m.text}\n`);
  }
}
