/**
 * After an event: the messages sent while it was live, oldest first, shown as the chat shows them
 * (hosts marked, deleted ones as tombstones) but read-only, page by page.
 */
import type { LiveEvent, Message } from '@circles/shared';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { eventsApi } from '../../api/events';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useCursorList } from '../../hooks/useCursorList';
import { sameDay } from '../../i18n/format';
import type { ChatMessage } from '../../stores/chat';
import { MessageItem, type MessageActions } from '../chat/MessageItem';
import '../../styles/chat.css';

const noop = () => undefined;
const READ_ONLY: MessageActions = {
  reply: noop,
  edit: noop,
  askDelete: noop,
  confirmDelete: noop,
  toggleMenu: noop,
  setCurrent: noop,
  report: noop,
  moderate: noop,
  postAnyway: noop,
  editUnsent: noop,
  toggleReactions: noop,
  react: noop,
  retry: noop,
  discard: noop,
};

export function Transcript({ event, myId }: { event: LiveEvent; myId: string }) {
  const { t } = useTranslation(['events', 'common']);
  const fetchPage = useCallback((cursor: string | null) => eventsApi.transcript(event.id, cursor), [event.id]);
  const { items, nextCursor, error, busy, load } = useCursorList<Message>(fetchPage);
  useEffect(() => {
    void load(null);
  }, [load]);
  const messages = useMemo<ChatMessage[]>(() => (items ?? []).map((m) => ({ ...m, state: 'sent', error: null })), [items]);

  return (
    <section className="event-transcript" aria-labelledby="transcript-title">
      <h2 id="transcript-title">{t('transcript.title')}</h2>
      {error && !items ? (
        <ErrorState error={error} groupSlug={event.group.slug} onRetry={() => void load(null)} />
      ) : !items ? (
        <Loading label={t('transcript.loading')} />
      ) : messages.length === 0 ? (
        <p className="muted">{t('transcript.empty')}</p>
      ) : (
        <ol className="transcript-list" aria-label={t('transcript.label', { title: event.title })}>
          {messages.map((message, i) => (
            <li key={message.id}>
              <MessageItem
                message={message}
                myId={myId}
                canModerate={false}
                canPost={false}
                showDay={i === 0 || !sameDay(messages[i - 1]!.createdAt, message.createdAt)}
                firstUnread={false}
                confirmingDelete={false}
                reacting={false}
                menuOpen={false}
                actions={READ_ONLY}
                readOnly
              />
            </li>
          ))}
        </ol>
      )}
      {error && items ? <ErrorState error={error} groupSlug={event.group.slug} onRetry={() => void load(nextCursor)} /> : null}
      {nextCursor && (
        <p className="load-more">
          <button type="button" className="button secondary" disabled={busy} onClick={() => void load(nextCursor)}>
            {busy ? t('common:action.loadingMore') : t('transcript.more')}
          </button>
        </p>
      )}
    </section>
  );
}
