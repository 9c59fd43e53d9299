import { loadNotificationSettings } from './notification-settings';

const secret = 'a-secret-of-16-chars';

describe('loadNotificationSettings', () => {
  it('needs nothing: no SMTP, no webhook, mail from itsm@localhost', () => {
    expect(loadNotificationSettings({})).toEqual({ mailFrom: 'itsm@localhost' });
  });

  it('reads every variable, empty ones counting as unset', () => {
    expect(
      loadNotificationSettings({
        SMTP_URL: 'smtps://user:pass@mail.example.org:465',
        MAIL_FROM: 'ITSM <itsm@example.org>',
        SLA_WEBHOOK_URL: 'https://hooks.example.org/sla',
        SLA_WEBHOOK_SECRET: secret,
      }),
    ).toEqual({
      smtpUrl: 'smtps://user:pass@mail.example.org:465',
      mailFrom: 'ITSM <itsm@example.org>',
      webhookUrl: 'https://hooks.example.org/sla',
      webhookSecret: secret,
    });
    expect(loadNotificationSettings({ SMTP_URL: '', MAIL_FROM: '' })).toEqual({ mailFrom: 'itsm@localhost' });
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.org' }, 'SMTP_URL'],
    [{ SMTP_URL: 'not a url' }, 'SMTP_URL'],
    [{ MAIL_FROM: 'itsm' }, 'MAIL_FROM'],
    [{ SLA_WEBHOOK_URL: 'ftp://hooks.example.org', SLA_WEBHOOK_SECRET: secret }, 'SLA_WEBHOOK_URL'],
    [{ SLA_WEBHOOK_URL: 'https://hooks.example.org' }, 'SLA_WEBHOOK_SECRET is required'],
    [{ SLA_WEBHOOK_URL: 'https://hooks.example.org', SLA_WEBHOOK_SECRET: 'short' }, 'SLA_WEBHOOK_SECRET must be'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => loadNotificationSettings(env)).toThrow(name);
  });
});
