import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CurrentCaller, RequireRights, type Caller } from '@itsm/auth';
import { isDomainError } from '@itsm/domain';
import { IdField, Idempotent, IdParam, SmallBody } from '@itsm/runtime';
import { ListTicketsQuery } from './queries/list-tickets.query';
import { TicketHistory } from './queries/ticket-history.query';
import { TicketQueries } from './queries/ticket-queries';
import { AddFollowupCommand } from './use-cases/add-followup/add-followup.handler';
import { AddFollowupRequestDto } from './use-cases/add-followup/add-followup.request.dto';
import { AddSolutionCommand } from './use-cases/add-solution/add-solution.handler';
import { AddSolutionRequestDto } from './use-cases/add-solution/add-solution.request.dto';
import { AddTaskCommand } from './use-cases/add-task/add-task.handler';
import { AddTaskRequestDto, TaskFieldsDto } from './use-cases/add-task/add-task.request.dto';
import { AnswerSolutionCommand } from './use-cases/answer-solution/answer-solution.handler';
import { RefuseSolutionRequestDto } from './use-cases/answer-solution/answer-solution.request.dto';
import { AnswerValidationCommand } from './use-cases/answer-validation/answer-validation.handler';
import { AnswerValidationRequestDto } from './use-cases/answer-validation/answer-validation.request.dto';
import { AttachDocumentCommand } from './use-cases/attach-document/attach-document.handler';
import { AttachDocumentRequestDto } from './use-cases/attach-document/attach-document.request.dto';
import { ChangeActorsCommand } from './use-cases/change-actors/change-actors.handler';
import { AddActorRequestDto, ROLES } from './use-cases/change-actors/change-actors.request.dto';
import { ChangeStatusCommand } from './use-cases/change-status/change-status.handler';
import { ChangeStatusRequestDto } from './use-cases/change-status/change-status.request.dto';
import { CloseTicketCommand } from './use-cases/close-ticket/close-ticket.handler';
import { OpenTicketCommand } from './use-cases/open-ticket/open-ticket.handler';
import { OpenTicketRequestDto } from './use-cases/open-ticket/open-ticket.request.dto';
import { RecordSatisfactionCommand } from './use-cases/record-satisfaction/record-satisfaction.handler';
import { RecordSatisfactionRequestDto } from './use-cases/record-satisfaction/record-satisfaction.request.dto';
import { ReopenTicketCommand } from './use-cases/reopen-ticket/reopen-ticket.handler';
import { RequestValidationCommand } from './use-cases/request-validation/request-validation.handler';
import { RequestValidationRequestDto } from './use-cases/request-validation/request-validation.request.dto';
import { UpdateTaskCommand } from './use-cases/update-task/update-task.handler';
import { UpdateTicketCommand } from './use-cases/update-ticket/update-ticket.handler';
import { UpdateTicketRequestDto } from './use-cases/update-ticket/update-ticket.request.dto';

class TaskParams extends IdParam {
  @IdField('taskId') taskId!: string;
}
class ValidationParams extends IdParam {
  @IdField('validationId') validationId!: string;
}
class ActorParams extends IdParam {
  @IsIn(ROLES) role!: (typeof ROLES)[number];
  @IsIn(['user', 'group']) kind!: 'user' | 'group';
  @IdField('actorId') actorId!: string;
}
class ReopenRequestDto {
  @ApiProperty({ description: 'why the ticket is reopened; recorded as a follow-up' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(65_535)
  reason!: string;
}

const READ = ['ticket.read-own'] as const;

/**
 * The ticket lifecycle of the seed: Enregistrement (POST), Classification (PATCH), Traitement
 * (actors, follow-ups, tasks, validations), Solution, Validation (approve/refuse), Clôture.
 * Rights gate each route; visibility (entity scope, own tickets) is checked on the ticket itself.
 */
@ApiTags('tickets')
@ApiBearerAuth()
@Controller('api/tickets')
export class TicketHttpController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queries: TicketQueries,
    private readonly changes: TicketHistory,
  ) {}

  @Post()
  @RequireRights('ticket.create')
  @Idempotent()
  async open(@CurrentCaller() caller: Caller, @Body() body: OpenTicketRequestDto) {
    const { ticketId } = await this.commandBus.execute(new OpenTicketCommand(caller, body));
    // the ticket is recorded: a caller who may not read it (no read right, or recorded for others)
    // still gets 201 and its id, never an error that would make them record it again
    return this.queries.opened(caller, ticketId).catch((error: unknown) => {
      if (isDomainError(error) && (error.code === 'forbidden' || error.code === 'not_found')) return { ticketId };
      throw error;
    });
  }

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListTicketsQuery) {
    return this.queries.list(caller, query);
  }

  @Get(':id')
  get(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.get(caller, id);
  }

  @Get(':id/history')
  history(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.changes.of(caller, id);
  }

  @Get(':id/timeline')
  timeline(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.timeline(caller, id);
  }

  @Patch(':id')
  @RequireRights('ticket.update')
  async update(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: UpdateTicketRequestDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new UpdateTicketCommand(caller, id, body)));
  }

  @Post(':id/actors')
  @HttpCode(200)
  @SmallBody()
  async addActor(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AddActorRequestDto) {
    const actor = { kind: body.kind, id: body.id };
    return this.queries.answer(
      caller,
      id,
      this.commandBus.execute(new ChangeActorsCommand(caller, id, 'add', body.role, actor)),
    );
  }

  @Delete(':id/actors/:role/:kind/:actorId')
  async removeActor(@CurrentCaller() caller: Caller, @Param() params: ActorParams) {
    const actor = { kind: params.kind, id: params.actorId };
    return this.queries.answer(
      caller,
      params.id,
      this.commandBus.execute(new ChangeActorsCommand(caller, params.id, 'remove', params.role, actor)),
    );
  }

  @Post(':id/followups')
  @Idempotent()
  async followup(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AddFollowupRequestDto) {
    return this.queries.timelineOf(caller, await this.commandBus.execute(new AddFollowupCommand(caller, id, body)));
  }

  @Post(':id/tasks')
  @Idempotent()
  @RequireRights('ticket.update')
  async addTask(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AddTaskRequestDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new AddTaskCommand(caller, id, body)));
  }

  @Patch(':id/tasks/:taskId')
  @RequireRights('ticket.update')
  async updateTask(@CurrentCaller() caller: Caller, @Param() { id, taskId }: TaskParams, @Body() body: TaskFieldsDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new UpdateTaskCommand(caller, id, taskId, body)));
  }

  @Post(':id/validations')
  @Idempotent()
  @RequireRights('ticket.update')
  async requestValidation(
    @CurrentCaller() caller: Caller,
    @Param() { id }: IdParam,
    @Body() body: RequestValidationRequestDto,
  ) {
    return this.queries.answer(caller, id, this.commandBus.execute(new RequestValidationCommand(caller, id, body)));
  }

  @Post(':id/validations/:validationId/answer')
  @HttpCode(200)
  @RequireRights('ticket.validate')
  async answerValidation(
    @CurrentCaller() caller: Caller,
    @Param() { id, validationId }: ValidationParams,
    @Body() body: AnswerValidationRequestDto,
  ) {
    return this.queries.answer(
      caller,
      id,
      this.commandBus.execute(new AnswerValidationCommand(caller, id, validationId, body)),
    );
  }

  @Post(':id/solution')
  @Idempotent()
  @RequireRights('ticket.solve')
  async solve(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AddSolutionRequestDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new AddSolutionCommand(caller, id, body)));
  }

  @Post(':id/solution/approve')
  @HttpCode(200)
  @RequireRights(...READ)
  async approve(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.answer(caller, id, this.commandBus.execute(new AnswerSolutionCommand(caller, id)));
  }

  @Post(':id/solution/refuse')
  @HttpCode(200)
  @RequireRights(...READ)
  async refuse(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: RefuseSolutionRequestDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new AnswerSolutionCommand(caller, id, body.reason)));
  }

  @Post(':id/status')
  @HttpCode(200)
  @SmallBody()
  @RequireRights('ticket.update')
  async status(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: ChangeStatusRequestDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new ChangeStatusCommand(caller, id, body.status)));
  }

  @Post(':id/close')
  @HttpCode(200)
  @RequireRights('ticket.close')
  async close(@CurrentCaller() caller: Caller, @Param() { id }: IdParam) {
    return this.queries.answer(caller, id, this.commandBus.execute(new CloseTicketCommand(caller, id)));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequireRights('ticket.reopen')
  async reopen(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: ReopenRequestDto) {
    return this.queries.answer(caller, id, this.commandBus.execute(new ReopenTicketCommand(caller, id, body.reason)));
  }

  @Post(':id/documents')
  @Idempotent()
  async attach(@CurrentCaller() caller: Caller, @Param() { id }: IdParam, @Body() body: AttachDocumentRequestDto) {
    return this.queries.timelineOf(caller, await this.commandBus.execute(new AttachDocumentCommand(caller, id, body)));
  }

  @Post(':id/satisfaction')
  @Idempotent()
  @RequireRights(...READ)
  async satisfaction(
    @CurrentCaller() caller: Caller,
    @Param() { id }: IdParam,
    @Body() body: RecordSatisfactionRequestDto,
  ) {
    return this.queries.answer(caller, id, this.commandBus.execute(new RecordSatisfactionCommand(caller, id, body)));
  }
}
