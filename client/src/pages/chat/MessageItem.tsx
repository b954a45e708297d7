/** One message in the list: author, time, quoted parent, text with safe links, reactions, state and actions. */
import { SUPPORTIVE_EMOJI } from '@circles/shared';
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ChatMessage } from '../../stores/chat';
import { emojiName, formatDay, formatTime } from './format';
import { LinkifiedText } from './linkify';

export interface MessageActions {
  reply(message: ChatMessage): void;
  edit(message: ChatMessage): void;
  askDelete(id: string | null): void;
  confirmDelete(id: string): void;
  toggleReactions(id: string | null): void;
  react(id: string, emoji: string): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
}

interface Props {
  message: ChatMessage;
  myId: string;
  canModerate: boolean;
  canPost: boolean;
  showDay: boolean;
  firstUnread: boolean;
  confirmingDelete: boolean;
  reacting: boolean;
  actions: MessageActions;
}

/** Why a message was not sent, in words: offline, or the server's reason (with when to retry). */
function sendFailure(message: ChatMessage, t: TFunction<['chat', 'common']>): string {
  const failure = message.error;
  if (!failure) return t('message.notSent');
  if (failure.message === null) return t('message.notSentOffline');
  const reason = failure.retryAfter ? t('message.retryAfter', { reason: failure.message, count: failure.retryAfter }) : failure.message;
  return t('message.notSentReason', { reason });
}

export const MessageItem = memo(function MessageItem({
  message,
  myId,
  canModerate,
  canPost,
  showDay,
  firstUnread,
  confirmingDelete,
  reacting,
  actions,
}: Props) {
  const { t } = useTranslation(['chat', 'common']);
  const mine = message.author.id === myId;
  const deleted = message.deletedAt !== null;
  const local = message.state !== 'sent';
  const mentionsMe = !deleted && message.mentions.includes(myId);
  const pickerRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const labelId = `msg-${message.author.id}-${message.clientId}`;

  useEffect(() => {
    if (reacting) pickerRef.current?.querySelector('button')?.focus();
  }, [reacting]);
  useEffect(() => {
    if (confirmingDelete) confirmRef.current?.querySelector('button')?.focus();
  }, [confirmingDelete]);

  return (
    <>
      {showDay && (
        <p className="chat-day">
          <span>{formatDay(message.createdAt)}</span>
        </p>
      )}
      {firstUnread && (
        <p className="chat-unread-divider">
          <span>{t('message.newDivider')}</span>
        </p>
      )}
      <article
        className={`msg${mine ? ' mine' : ''}${mentionsMe ? ' mentions-me' : ''}${message.state === 'failed' ? ' failed' : ''}`}
        aria-labelledby={labelId}
      >
        <header className="msg-head" id={labelId}>
          <span className="msg-author">{mine ? t('common:people.you', { name: message.author.displayName }) : message.author.displayName}</span>
          {message.author.clinician && <span className="badge clinician">{t('common:people.verifiedClinician')}</span>}
          <time dateTime={message.createdAt} className="muted">
            {formatTime(message.createdAt)}
          </time>
          {message.editedAt && !deleted && <span className="muted msg-edited">{t('message.edited')}</span>}
        </header>

        {message.replyTo && (
          <p className="msg-quote">
            <span className="visually-hidden">{t('message.replyingTo')}</span>
            <span className="msg-quote-author">{message.replyTo.author.displayName}</span>
            {': '}
            {message.replyTo.body ?? <em>{t('message.deletedQuote')}</em>}
          </p>
        )}

        {deleted ? (
          <p className="msg-body msg-deleted">{t('message.deleted')}</p>
        ) : (
          <p className="msg-body">
            <LinkifiedText text={message.body ?? ''} />
          </p>
        )}

        {!deleted && message.reactions.length > 0 && (
          <ul className="msg-reactions" aria-label={t('message.reactions')}>
            {message.reactions.map((r) => (
              <li key={r.emoji}>
                <button
                  type="button"
                  className={`reaction-chip${r.mine ? ' mine' : ''}`}
                  aria-pressed={r.mine}
                  aria-label={t(r.mine ? 'message.reactionMine' : 'message.reaction', { emoji: r.emoji, name: emojiName(r.emoji), count: r.count })}
                  disabled={!canPost}
                  onClick={() => actions.react(message.id, r.emoji)}
                >
                  <span aria-hidden="true">
                    {r.emoji} {r.count}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}

        {mine && (
          <p className={`msg-state ${message.state}`}>
            {message.state === 'sending' && t('message.sending')}
            {message.state === 'sent' && <span className="muted">{t('message.sent')}</span>}
            {message.state === 'failed' && (
              <>
                <span>{sendFailure(message, t)}</span>{' '}
                <button type="button" className="button secondary small" onClick={() => actions.retry(message.clientId)}>
                  {t('message.retry')}
                </button>{' '}
                <button type="button" className="link-button" onClick={() => actions.discard(message.clientId)}>
                  {t('message.discard')}
                </button>
              </>
            )}
          </p>
        )}

        {!local && !deleted && (
          <div className="msg-actions" role="group" aria-label={t('message.actions')}>
            {canPost && (
              <button type="button" className="msg-action" onClick={() => actions.reply(message)}>
                {t('message.reply')}
              </button>
            )}
            {canPost && (
              <button
                type="button"
                className="msg-action"
                aria-expanded={reacting}
                onClick={() => actions.toggleReactions(reacting ? null : message.id)}
              >
                {t('message.react')}
              </button>
            )}
            {mine && canPost && (
              <button type="button" className="msg-action" onClick={() => actions.edit(message)}>
                {t('message.edit')}
              </button>
            )}
            {(mine || canModerate) && (
              <button type="button" className="msg-action" onClick={() => actions.askDelete(message.id)}>
                {t('message.delete')}
              </button>
            )}
          </div>
        )}

        {reacting && (
          <div
            className="reaction-picker"
            role="group"
            aria-label={t('message.chooseReaction')}
            ref={pickerRef}
            onKeyDown={(e) => {
              if (e.key === 'Escape') actions.toggleReactions(null);
            }}
          >
            {SUPPORTIVE_EMOJI.map((emoji) => (
              <button
                key={emoji}
                type="button"
                aria-label={t('message.reactWith', { emoji, name: emojiName(emoji) })}
                onClick={() => {
                  actions.react(message.id, emoji);
                  actions.toggleReactions(null);
                }}
              >
                <span aria-hidden="true">{emoji}</span>
              </button>
            ))}
          </div>
        )}

        {confirmingDelete && (
          <div className="msg-confirm" role="group" aria-label={t('message.confirmDeletion')} ref={confirmRef}
            onKeyDown={(e) => {
              if (e.key === 'Escape') actions.askDelete(null);
            }}
          >
            <span>{t('message.deleteQuestion')}</span>{' '}
            <button type="button" className="button danger small" onClick={() => actions.confirmDelete(message.id)}>
              {t('message.deleteConfirm')}
            </button>{' '}
            <button type="button" className="button secondary small" onClick={() => actions.askDelete(null)}>
              {t('common:action.cancel')}
            </button>
          </div>
        )}
      </article>
    </>
  );
});
