import { useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, ticketsApi } from './clients';
import { ticketKeys } from './queries';

/**
 * A command on one ticket through the typed client; on success the ticket, its timeline and the
 * lists are read again.
 */
export function useTicketCommand<Input>(ticketId: string, send: (id: string, input: Input) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => send(ticketId, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

const path = (id: string) => ({ params: { path: { id } } });

export const ticketCommands = {
  followup: (id: string, body: { content: string; private: boolean }) =>
    answer(ticketsApi.POST('/api/tickets/{id}/followups', { ...path(id), body })),
  task: (id: string, body: { content: string; durationMinutes: number; private: boolean; state: 'todo' | 'done' }) =>
    answer(ticketsApi.POST('/api/tickets/{id}/tasks', { ...path(id), body })),
  solution: (id: string, content: string) =>
    answer(ticketsApi.POST('/api/tickets/{id}/solution', { ...path(id), body: { content } })),
  approve: (id: string) => answer(ticketsApi.POST('/api/tickets/{id}/solution/approve', path(id))),
  refuse: (id: string, reason: string) =>
    answer(ticketsApi.POST('/api/tickets/{id}/solution/refuse', { ...path(id), body: { reason } })),
  satisfaction: (id: string, body: { rating: number; comment: string }) =>
    answer(ticketsApi.POST('/api/tickets/{id}/satisfaction', { ...path(id), body })),
  status: (id: string, status: 'pending' | 'processing') =>
    answer(ticketsApi.POST('/api/tickets/{id}/status', { ...path(id), body: { status } })),
  close: (id: string) => answer(ticketsApi.POST('/api/tickets/{id}/close', path(id))),
  reopen: (id: string, reason: string) =>
    answer(ticketsApi.POST('/api/tickets/{id}/reopen', { ...path(id), body: { reason } })),
  assign: (id: string, userId: string) =>
    answer(
      ticketsApi.POST('/api/tickets/{id}/actors', {
        ...path(id),
        body: { role: 'assignee', kind: 'user', id: userId },
      }),
    ),
  update: (
    id: string,
    body: { urgency: number; impact: number; categoryId?: string | null; type?: 'incident' | 'request' },
  ) => answer(ticketsApi.PATCH('/api/tickets/{id}', { ...path(id), body })),
  requestValidation: (id: string, body: { approverId: string; comment: string }) =>
    answer(
      ticketsApi.POST('/api/tickets/{id}/validations', {
        ...path(id),
        body: { approver: { kind: 'user', id: body.approverId }, comment: body.comment },
      }),
    ),
  answerValidation: (id: string, body: { validationId: string; decision: 'accepted' | 'refused'; comment: string }) =>
    answer(
      ticketsApi.POST('/api/tickets/{id}/validations/{validationId}/answer', {
        params: { path: { id, validationId: body.validationId } },
        body: { decision: body.decision, comment: body.comment },
      }),
    ),
};
