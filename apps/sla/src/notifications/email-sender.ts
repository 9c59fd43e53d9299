import { createTransport, type Transporter } from 'nodemailer';
import type { EmailNotification } from './notification';
import type { NotificationSettings } from './notification-settings';
import { PermanentDeliveryError } from './permanent-delivery-error';

/** Sends e-mails over SMTP, one connection per message (no pool to go stale between SLA events). */
export class EmailSender {
  private readonly transport?: Transporter;

  constructor(private readonly settings: Pick<NotificationSettings, 'smtpUrl' | 'mailFrom'>) {
    if (settings.smtpUrl) {
      // nodemailer waits 2 minutes by default: a dead server must fail the attempt sooner.
      // Settings in the URL's query (e.g. ?connectionTimeout=) win over these.
      this.transport = createTransport({
        url: settings.smtpUrl,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      });
    }
  }

  async send(notification: EmailNotification): Promise<void> {
    if (!this.transport) throw new PermanentDeliveryError('SMTP_URL is not set');
    await this.transport.sendMail({
      from: this.settings.mailFrom,
      to: notification.to,
      subject: notification.subject,
      text: notification.text,
    });
  }

  close(): void {
    this.transport?.close();
  }
}
