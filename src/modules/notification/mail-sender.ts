import { promises as fs } from 'node:fs';
import path from 'node:path';

import nodemailer from 'nodemailer';

import type { AppConfig } from '../../config/config.js';

export interface OutgoingMail {
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  messageId: string;
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailSender {
  /** Resolves once the mail server accepted the message (or the file is written). */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise each message is written as an .eml file
 * in MAIL_DIR, so that `npm start` needs no mail server and nothing is lost.
 */
export function createMailSender(config: AppConfig['mail']): MailSender {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 15000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      send: async (mail) => {
        await transport.sendMail({ from: config.from, ...mail });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    send: async (mail) => {
      const info = await transport.sendMail({ from: config.from, ...mail });
      await fs.mkdir(config.directory, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[^\w.-]/g, '')}.eml`;
      await fs.writeFile(path.join(config.directory, name), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}

/** How mail goes out, for the start-up summary (never the SMTP password). */
export function describeMailDelivery(config: AppConfig['mail']): string {
  if (!config.smtpUrl) return `письма сохраняются в файлы в ${config.directory} (SMTP_URL не задан)`;
  try {
    const url = new URL(config.smtpUrl);
    const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
    return `SMTP-сервер ${url.hostname}:${port}`;
  } catch {
    return 'SMTP-сервер из SMTP_URL';
  }
}
