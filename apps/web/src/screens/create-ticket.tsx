import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { answer, ticketsApi } from '../api/clients';
import { deviceOf, deviceValue } from '../api/device-value';
import { useMyDevices } from '../api/my-devices';
import { ticketKeys, useCategories, useUsers } from '../api/queries';
import { LevelSelect } from '../components/levels';
import { categoryOptions, OptionSelect, userOptions } from '../components/option-select';
import { ProblemMessage } from '../components/problem-message';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session/session';

/**
 * "Créer un ticket": type, category, urgency, title, description (the requester is the caller),
 * and for self-service users one of their devices as the ticket's item.
 */
export function CreateTicket() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const categories = useCategories();
  const [type, setType] = useState<'incident' | 'request'>('incident');
  const [categoryId, setCategoryId] = useState('');
  const [urgency, setUrgency] = useState(3);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  // the desk opens tickets for the people who call (GLPI: "Demandeur"); a requester opens their own
  const { selfService, can } = useSession();
  const picksRequester = !selfService && can('user.read');
  const users = useUsers(picksRequester);
  const [requesterId, setRequesterId] = useState('');
  const devices = useMyDevices(selfService);
  const [device, setDevice] = useState('');
  const item = deviceOf(device);
  const create = useMutation({
    mutationFn: () =>
      answer<{ ticketId: string }>(
        ticketsApi.POST('/api/tickets', {
          body: {
            type,
            urgency,
            title,
            description,
            source: 'helpdesk',
            ...(categoryId ? { categoryId } : {}),
            ...(requesterId ? { requesters: [{ kind: 'user' as const, id: requesterId }] } : {}),
            ...(item ? { items: [item] } : {}),
          },
        }),
      ),
    onSuccess: async ({ ticketId }) => {
      await queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      await navigate({ to: '/tickets/$ticketId', params: { ticketId } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="create-title">
      <h1 id="create-title">{t('createTicket')}</h1>
      <div className="field">
        <label htmlFor="type">{t('type')}</label>
        <select id="type" value={type} onChange={(event) => setType(event.target.value as 'incident' | 'request')}>
          <option value="incident">{t('incident')}</option>
          <option value="request">{t('request')}</option>
        </select>
      </div>
      <OptionSelect
        id="category"
        label={t('category')}
        value={categoryId}
        options={categoryOptions(categories.data)}
        onChange={setCategoryId}
      />
      {picksRequester && (
        <OptionSelect
          id="requester"
          label={t('requester')}
          value={requesterId}
          options={userOptions(users.data)}
          onChange={setRequesterId}
        />
      )}
      {selfService &&
        devices.data &&
        (devices.data.length ? (
          <OptionSelect
            id="device"
            label={t('device')}
            value={device}
            options={devices.data.map((known) => [deviceValue(known), known.name])}
            onChange={setDevice}
          />
        ) : (
          <p>{t('noDevice')}</p>
        ))}
      <LevelSelect id="urgency" label={t('urgency')} value={urgency} onChange={setUrgency} />
      <div className="field">
        <label htmlFor="title">{t('title')}</label>
        <input id="title" required maxLength={255} value={title} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="description">{t('description')}</label>
        <textarea
          id="description"
          required
          rows={6}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </div>
      <ProblemMessage error={create.error} />
      <button type="submit" disabled={create.isPending}>
        {t('createTicket')}
      </button>
    </form>
  );
}
