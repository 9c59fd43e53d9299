import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@itsm/auth';
import { DirectoryReader, directoryProjections } from '@itsm/directory';
import { EventSourcingModule, MONGO_CONNECTION, RuntimeModule, type ServiceEnv } from '@itsm/runtime';
import type { Connection } from 'mongoose';
import { AgreementHttpController } from './agreement/agreement.http.controller';
import { AgreementQueries } from './agreement/queries/list-agreements.query';
import { agreementListProjection } from './agreement/read-models/agreement-list.projection';
import { DefineAgreementHandler } from './agreement/use-cases/define-agreement/define-agreement.handler';
import { DeleteAgreementHandler } from './agreement/use-cases/delete-agreement/delete-agreement.handler';
import { BreachNotifier, NOTIFICATION_QUEUE, NOTIFICATION_SETTINGS } from './breach-notices/breach-notifier.reactor';
import { CalendarHttpController } from './calendar/calendar.http.controller';
import { CalendarQueries } from './calendar/queries/list-calendars.query';
import { calendarListProjection } from './calendar/read-models/calendar-list.projection';
import { DefineCalendarHandler } from './calendar/use-cases/define-calendar/define-calendar.handler';
import { RecipientDirectory } from './directory/recipient-directory';
import { NotificationQueue } from './notifications';
import { RuleQueries } from './rule/queries/list-rules.query';
import { ruleListProjection } from './rule/read-models/rule-list.projection';
import { RuleHttpController } from './rule/rule.http.controller';
import { DefineRuleHandler } from './rule/use-cases/define-rule/define-rule.handler';
import { DeleteRuleHandler } from './rule/use-cases/delete-rule/delete-rule.handler';
import { DefinitionScope } from './shared/definition-scope';
import { SlaBackground } from './sla-background';
import { loadSlaSettings, SLA_SETTINGS } from './sla.env';
import { AgreementResolver } from './tracking/agreement-resolver';
import { TicketSlaQueries } from './tracking/queries/ticket-sla.query';
import { ticketSlaProjection } from './tracking/read-models/ticket-sla.projection';
import { TicketEventsReactor } from './tracking/ticket-events.reactor';
import { TicketSlaTracking } from './tracking/ticket-sla-tracking';
import { TicketSlaHttpController } from './tracking/ticket-sla.http.controller';
import { LevelTimers } from './tracking/timers/level-timers';
import { LEVEL_TIMERS } from './tracking/timers/level-timers.provider';
import { TimerReconciliation } from './tracking/timers/timer-reconciliation';
import { SetTicketAgreementHandler } from './tracking/use-cases/set-ticket-agreement/set-ticket-agreement.handler';

export const SLA_DEFAULTS = { name: 'sla', port: 3003 };

type Config = ConfigService<ServiceEnv, true>;

export interface SlaModuleOptions {
  /** false for one-shot processes (the seed): no consumers, timers nor notification worker */
  background?: boolean;
}

@Module({})
export class SlaModule {
  static register(env: Record<string, string> = {}, options: SlaModuleOptions = {}): DynamicModule {
    const settings = loadSlaSettings({ ...process.env, ...env });
    const background = options.background ?? true;
    return {
      module: SlaModule,
      imports: [
        RuntimeModule.forService({ ...SLA_DEFAULTS, env }),
        EventSourcingModule.forContext({
          context: 'sla',
          projections: [calendarListProjection, agreementListProjection, ruleListProjection, ticketSlaProjection],
          feeds: [{ context: 'identity', projections: directoryProjections }],
          reactors: [
            // its commands are idempotent per ticket event (sequence-checked facts, decisions on state)
            { name: 'ticket-deadlines', context: 'tickets', reactor: TicketEventsReactor, streamsSideBySide: 32 },
            { name: 'breach-notices', context: 'sla', reactor: BreachNotifier },
          ],
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [CalendarHttpController, AgreementHttpController, RuleHttpController, TicketSlaHttpController],
      providers: [
        { provide: SLA_SETTINGS, useValue: settings },
        { provide: NOTIFICATION_SETTINGS, useValue: settings.notifications },
        {
          provide: LEVEL_TIMERS,
          inject: [ConfigService],
          useFactory: (config: Config) =>
            new LevelTimers({
              redisUrl: config.get('REDIS_URL'),
              keyPrefix: config.get('REDIS_KEY_PREFIX'),
              concurrency: settings.timerConcurrency,
            }),
        },
        {
          provide: NOTIFICATION_QUEUE,
          inject: [ConfigService, MONGO_CONNECTION],
          useFactory: (config: Config, connection: Connection) =>
            new NotificationQueue({
              redisUrl: config.get('REDIS_URL'),
              keyPrefix: config.get('REDIS_KEY_PREFIX'),
              connection,
              settings: settings.notifications,
              logLevel: config.get('LOG_LEVEL'),
            }),
        },
        DefinitionScope,
        CalendarQueries,
        AgreementQueries,
        RuleQueries,
        TicketSlaQueries,
        DirectoryReader,
        RecipientDirectory,
        AgreementResolver,
        TicketSlaTracking,
        TicketEventsReactor,
        BreachNotifier,
        TimerReconciliation,
        ...(background ? [SlaBackground] : []),
        DefineCalendarHandler,
        DefineAgreementHandler,
        DeleteAgreementHandler,
        DefineRuleHandler,
        DeleteRuleHandler,
        SetTicketAgreementHandler,
      ],
    };
  }
}
