import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@itsm/auth';
import { DirectoryReader, directoryProjections } from '@itsm/directory';
import { EventSourcingModule, RuntimeModule } from '@itsm/runtime';
import { AssetCatalogue } from './assets/asset-catalogue';
import { MyDevicesHttpController } from './assets/my-devices.http.controller';
import { ticketAssetsProjection } from './assets/ticket-assets.projection';
import { CategoryCatalogue } from './category/category-catalogue';
import { CategoryHttpController } from './category/category.http.controller';
import { CategoryQueries } from './category/queries/list-categories.query';
import { categoryListProjection } from './category/read-models/category-list.projection';
import { CreateCategoryHandler } from './category/use-cases/create-category/create-category.handler';
import { TicketDeadlinesReader } from './deadlines/ticket-deadlines';
import { ticketDeadlinesProjection } from './deadlines/ticket-deadlines.projection';
import { TicketDirectory } from './directory/ticket-directory';
import { ReferenceChecks } from './ticket/access/reference-checks';
import { TicketAccess } from './ticket/access/ticket-access';
import { TicketWorkflow } from './ticket/access/ticket-workflow';
import { AutoCloseJob } from './ticket/auto-close/auto-close.job';
import { IndexedTicketList } from './ticket/queries/list-index/indexed-ticket-list';
import { TicketListIndex } from './ticket/queries/list-index/ticket-list-index';
import { TicketListIndexFeed } from './ticket/queries/list-index/ticket-list-index.feed';
import { TicketListRows } from './ticket/queries/list-index/ticket-list-rows';
import { TicketHistory } from './ticket/queries/ticket-history.query';
import { TicketQueries } from './ticket/queries/ticket-queries';
import { ticketViewProjection } from './ticket/read-models/ticket-view.projection';
import { TicketHttpController } from './ticket/ticket.http.controller';
import { AddFollowupHandler } from './ticket/use-cases/add-followup/add-followup.handler';
import { AddSolutionHandler } from './ticket/use-cases/add-solution/add-solution.handler';
import { AddTaskHandler } from './ticket/use-cases/add-task/add-task.handler';
import { AnswerSolutionHandler } from './ticket/use-cases/answer-solution/answer-solution.handler';
import { AnswerValidationHandler } from './ticket/use-cases/answer-validation/answer-validation.handler';
import { AttachDocumentHandler } from './ticket/use-cases/attach-document/attach-document.handler';
import { ChangeActorsHandler } from './ticket/use-cases/change-actors/change-actors.handler';
import { ChangeStatusHandler } from './ticket/use-cases/change-status/change-status.handler';
import { CloseTicketHandler } from './ticket/use-cases/close-ticket/close-ticket.handler';
import { EscalateTicketHandler } from './ticket/use-cases/escalate-ticket/escalate-ticket.handler';
import { SlaEscalationReactor } from './ticket/use-cases/escalate-ticket/sla-escalation.reactor';
import { OpenTicketHandler } from './ticket/use-cases/open-ticket/open-ticket.handler';
import { OpenTicketKafkaController } from './ticket/use-cases/open-ticket/open-ticket.kafka.controller';
import { CreateCategoryKafkaController } from './category/use-cases/create-category/create-category.kafka.controller';
import { RecordSatisfactionHandler } from './ticket/use-cases/record-satisfaction/record-satisfaction.handler';
import { ReopenTicketHandler } from './ticket/use-cases/reopen-ticket/reopen-ticket.handler';
import { RequestValidationHandler } from './ticket/use-cases/request-validation/request-validation.handler';
import { UpdateTaskHandler } from './ticket/use-cases/update-task/update-task.handler';
import { UpdateTicketHandler } from './ticket/use-cases/update-ticket/update-ticket.handler';
import { SavedSearchHttpController } from './saved-search/saved-search.http.controller';
import { SavedSearchStore } from './saved-search/saved-search.store';
import { loadTicketsSettings } from './tickets.env';
import { AUTO_CLOSE_INTERVAL_MS, PRIORITY_MATRIX } from './tickets.tokens';

export const TICKETS_DEFAULTS = { name: 'tickets', port: 3002 };

const commandHandlers = [
  OpenTicketHandler,
  UpdateTicketHandler,
  ChangeActorsHandler,
  AddFollowupHandler,
  AddTaskHandler,
  UpdateTaskHandler,
  RequestValidationHandler,
  AnswerValidationHandler,
  AddSolutionHandler,
  AnswerSolutionHandler,
  ChangeStatusHandler,
  CloseTicketHandler,
  ReopenTicketHandler,
  AttachDocumentHandler,
  RecordSatisfactionHandler,
  EscalateTicketHandler,
  CreateCategoryHandler,
];

export interface TicketsModuleOptions {
  /** false for one-shot processes (the seed): no relay nor consumers nor auto-close timer */
  background?: boolean;
}

@Module({})
export class TicketsModule {
  static register(env: Record<string, string> = {}, options: TicketsModuleOptions = {}): DynamicModule {
    const settings = loadTicketsSettings({ ...process.env, ...env });
    const background = options.background ?? true;
    return {
      module: TicketsModule,
      imports: [
        // Redis holds only its rate limits: it serves, limits off, while Redis is away
        RuntimeModule.forService({ ...TICKETS_DEFAULTS, env, redis: 'rate-limits-only' }),
        EventSourcingModule.forContext({
          context: 'tickets',
          projections: [ticketViewProjection, categoryListProjection],
          feeds: [
            { context: 'identity', projections: directoryProjections },
            { context: 'sla', projections: [ticketDeadlinesProjection] },
            // a ticket's items are assets: checked and named from this copy of the Parc
            { context: 'assets', projections: [ticketAssetsProjection] },
          ],
          // SLA levels that raise the priority or assign a group act on the ticket through its decider
          reactors: [{ name: 'sla-escalations', context: 'sla', reactor: SlaEscalationReactor }],
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        TicketHttpController,
        CategoryHttpController,
        MyDevicesHttpController,
        OpenTicketKafkaController,
        CreateCategoryKafkaController,
        SavedSearchHttpController,
      ],
      providers: [
        { provide: PRIORITY_MATRIX, useValue: settings.priorityMatrix },
        { provide: AUTO_CLOSE_INTERVAL_MS, useValue: settings.autoCloseIntervalMs },
        DirectoryReader,
        TicketDirectory,
        TicketAccess,
        TicketWorkflow,
        ReferenceChecks,
        CategoryCatalogue,
        CategoryQueries,
        AssetCatalogue,
        TicketQueries,
        TicketHistory,
        TicketListIndex,
        TicketListRows,
        IndexedTicketList,
        TicketDeadlinesReader,
        SlaEscalationReactor,
        SavedSearchStore,
        // without the feed (the seed), the index never gets ready and the read model answers
        ...(background ? [AutoCloseJob, TicketListIndexFeed] : []),
        ...commandHandlers,
      ],
    };
  }
}
