/**
 * Scheduling or editing an event (moderators): title, description, start and end in the viewer's own
 * time zone (datetime-local, sent as UTC instants), and hosts picked from the group's members. The
 * schedule is checked here as the server checks it (the end after the start, at most 24 hours, not
 * in the past), so most mistakes are caught before sending; the server's field errors show by their field.
 */
import {
  EVENT_DESCRIPTION_MAX,
  EVENT_HOSTS_MAX,
  EVENT_MAX_HOURS,
  EVENT_TITLE_MAX,
  EVENT_TITLE_MIN,
  scheduleProblem,
} from '@circles/shared/client';
import type { Group, LiveEvent, Member, UpdateLiveEventBody } from '@circles/shared';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi } from '../../api/events';
import { groupsApi } from '../../api/groups';
import { ApiError } from '../../api/http';
import { ErrorState } from '../../components/ErrorState';
import { TextAreaField, TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { fromLocalInputValue, toLocalInputValue, viewerTimeZone } from '../../i18n/format';

type FieldName = 'title' | 'description' | 'startsAt' | 'endsAt' | 'hostIds';
type Errors = Partial<Record<FieldName, string>>;

/** A start a few minutes late still counts (the server allows the same slack for a form filled in slowly). */
const START_SLACK_MS = 5 * 60_000;
/** With more members than this, a filter box helps find a host. */
const FILTER_FROM = 8;

interface Props {
  group: Group;
  /** Editing this event; scheduling a new one when absent. */
  event?: LiveEvent;
  onSaved(event: LiveEvent): void;
  onCancel(): void;
}

/** The next full hour (at least 30 minutes away), for a new event's default start. */
function defaultStart(): Date {
  const d = new Date(Date.now() + 30 * 60_000);
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}

export function EventForm({ group, event, onSaved, onCancel }: Props) {
  const { t } = useTranslation(['events', 'common']);
  const initial = useMemo(() => {
    const start = event ? new Date(event.startsAt) : defaultStart();
    const end = event ? new Date(event.endsAt) : new Date(start.getTime() + 3_600_000);
    return {
      title: event?.title ?? '',
      description: event?.description ?? '',
      startsAt: toLocalInputValue(start),
      endsAt: toLocalInputValue(end),
      hostIds: event?.hosts.map((h) => h.id) ?? [],
    };
  }, [event]);
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [startsAt, setStartsAt] = useState(initial.startsAt);
  const [endsAt, setEndsAt] = useState(initial.endsAt);
  const [hostIds, setHostIds] = useState<string[]>(initial.hostIds);
  const [filter, setFilter] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const headingId = useId();
  const startId = useId();
  const endId = useId();
  const zoneId = useId();
  const hostsHintId = useId();
  const hostsErrorId = useId();
  const filterId = useId();

  const fetchMembers = useCallback((cursor: string | null) => groupsApi.members(group.slug, cursor), [group.slug]);
  const members = useCursorList<Member>(fetchMembers);
  const loadMembers = members.load;
  useEffect(() => {
    void loadMembers(null);
  }, [loadMembers]);

  useEffect(() => {
    formRef.current?.querySelector('input')?.focus();
  }, []);

  // Current hosts stay listed (and can be unticked) even when they are on a page not loaded yet.
  const candidates = useMemo(() => {
    const list = (members.items ?? []).map((m) => m.user);
    for (const host of event?.hosts ?? []) if (!list.some((u) => u.id === host.id)) list.push(host);
    const q = filter.trim().toLocaleLowerCase();
    return q ? list.filter((u) => u.displayName.toLocaleLowerCase().includes(q) || hostIds.includes(u.id)) : list;
  }, [members.items, event, filter, hostIds]);

  const toggleHost = (id: string, on: boolean) => setHostIds((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)));

  const validate = (): Errors => {
    const found: Errors = {};
    const trimmed = title.trim();
    if (trimmed.length < EVENT_TITLE_MIN || trimmed.length > EVENT_TITLE_MAX) {
      found.title = t('form.titleLength', { min: EVENT_TITLE_MIN, max: EVENT_TITLE_MAX });
    }
    if (description.length > EVENT_DESCRIPTION_MAX) found.description = t('form.descriptionLength', { max: EVENT_DESCRIPTION_MAX });
    const start = fromLocalInputValue(startsAt);
    const end = fromLocalInputValue(endsAt);
    if (!start) found.startsAt = t('form.startRequired');
    else if (startsAt !== initial.startsAt && Date.parse(start) < Date.now() - START_SLACK_MS) found.startsAt = t('form.startInPast');
    if (!end) found.endsAt = t('form.endRequired');
    if (start && end) {
      const problem = scheduleProblem(start, end);
      if (problem === 'ends_before_start') found.endsAt = t('form.endBeforeStart');
      if (problem === 'too_long') found.endsAt = t('form.tooLong', { count: EVENT_MAX_HOURS });
    }
    if (hostIds.length === 0) found.hostIds = t('form.hostsRequired');
    if (hostIds.length > EVENT_HOSTS_MAX) found.hostIds = t('form.tooManyHosts', { count: EVENT_HOSTS_MAX });
    return found;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      const first = (['title', 'description', 'startsAt', 'endsAt', 'hostIds'] as const).find((f) => found[f]);
      formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = {
        title: title.trim(),
        description: description.trim(),
        startsAt: fromLocalInputValue(startsAt)!,
        endsAt: fromLocalInputValue(endsAt)!,
        hostIds,
      };
      let saved: LiveEvent;
      if (event) {
        // Only what changed: an unchanged start is never judged "in the past" again.
        const changes: UpdateLiveEventBody = {};
        if (body.title !== initial.title) changes.title = body.title;
        if (body.description !== initial.description.trim()) changes.description = body.description;
        if (startsAt !== initial.startsAt) changes.startsAt = body.startsAt;
        if (endsAt !== initial.endsAt) changes.endsAt = body.endsAt;
        if ([...hostIds].sort().join() !== [...initial.hostIds].sort().join()) changes.hostIds = hostIds;
        saved = Object.keys(changes).length > 0 ? await eventsApi.update(event.id, changes) : event;
      } else {
        saved = await eventsApi.schedule(group.slug, body);
      }
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_ERROR') {
        const fields = err.fieldErrors();
        setErrors({ title: fields.title, description: fields.description, startsAt: fields.startsAt, endsAt: fields.endsAt, hostIds: fields.hostIds });
      }
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const hostsDescribedBy = [hostsHintId, errors.hostIds ? hostsErrorId : ''].filter(Boolean).join(' ');
  return (
    <section className="event-form card" aria-labelledby={headingId}>
      <h3 id={headingId}>{event ? t('form.editTitle', { title: event.title }) : t('form.scheduleTitle')}</h3>
      <form onSubmit={submit} noValidate ref={formRef}>
        {failure ? <ErrorState error={failure} groupSlug={group.slug} /> : null}
        <TextField
          label={t('form.title')}
          value={title}
          maxLength={EVENT_TITLE_MAX}
          onChange={(e) => setTitle(e.target.value)}
          error={errors.title}
          data-field="title"
          required
        />
        <TextAreaField
          label={t('form.description')}
          hint={t('form.descriptionHint')}
          value={description}
          maxLength={EVENT_DESCRIPTION_MAX}
          rows={4}
          onChange={(e) => setDescription(e.target.value)}
          error={errors.description}
          data-field="description"
        />
        <p className="hint" id={zoneId}>
          {t('form.timeZone', { zone: viewerTimeZone() })}
        </p>
        <div className="event-form-times">
          <div className="field">
            <label htmlFor={startId}>{t('form.startsAt')}</label>
            <input
              id={startId}
              type="datetime-local"
              value={startsAt}
              onChange={(e) => setStartsAt(e.target.value)}
              aria-invalid={errors.startsAt ? true : undefined}
              aria-describedby={[zoneId, errors.startsAt ? `${startId}-error` : ''].filter(Boolean).join(' ')}
              data-field="startsAt"
              required
            />
            {errors.startsAt && (
              <p id={`${startId}-error`} className="field-error">
                {errors.startsAt}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={endId}>{t('form.endsAt')}</label>
            <input
              id={endId}
              type="datetime-local"
              value={endsAt}
              min={startsAt || undefined}
              onChange={(e) => setEndsAt(e.target.value)}
              aria-invalid={errors.endsAt ? true : undefined}
              aria-describedby={[zoneId, errors.endsAt ? `${endId}-error` : ''].filter(Boolean).join(' ')}
              data-field="endsAt"
              required
            />
            {errors.endsAt && (
              <p id={`${endId}-error`} className="field-error">
                {errors.endsAt}
              </p>
            )}
          </div>
        </div>

        <fieldset className="event-hosts-field" aria-describedby={hostsDescribedBy} aria-invalid={errors.hostIds ? true : undefined}>
          <legend>{t('form.hosts')}</legend>
          <p className="hint" id={hostsHintId}>
            {t('form.hostsHint', { count: EVENT_HOSTS_MAX })}
          </p>
          {errors.hostIds && (
            <p id={hostsErrorId} className="field-error">
              {errors.hostIds}
            </p>
          )}
          {members.error ? (
            <ErrorState error={members.error} groupSlug={group.slug} onRetry={() => void members.load(null)} />
          ) : !members.items ? (
            <Loading label={t('form.loadingMembers')} />
          ) : (
            <>
              {(members.items.length > FILTER_FROM || members.nextCursor) && (
                <div className="field">
                  <label htmlFor={filterId}>{t('form.findMember')}</label>
                  <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
                </div>
              )}
              <ul className="host-choices">
                {candidates.map((user, index) => (
                  <li key={user.id}>
                    <label className="host-choice">
                      <input
                        type="checkbox"
                        checked={hostIds.includes(user.id)}
                        onChange={(e) => toggleHost(user.id, e.target.checked)}
                        data-field={index === 0 ? 'hostIds' : undefined}
                      />
                      <span className="person-name">{user.displayName}</span>
                      {user.clinician && <span className="badge clinician">{t('common:people.verifiedClinician')}</span>}
                    </label>
                  </li>
                ))}
              </ul>
              {candidates.length === 0 && <p className="muted">{t('form.noMemberMatches')}</p>}
              {members.nextCursor && (
                <button type="button" className="button secondary small" onClick={() => void members.load(members.nextCursor)} disabled={members.busy}>
                  {members.busy ? t('common:action.loadingMore') : t('form.moreMembers')}
                </button>
              )}
            </>
          )}
        </fieldset>

        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? t('common:action.saving') : event ? t('form.saveChanges') : t('form.schedule')}
          </button>
          <button type="button" className="button secondary" onClick={onCancel}>
            {t('form.close')}
          </button>
        </div>
      </form>
    </section>
  );
}
