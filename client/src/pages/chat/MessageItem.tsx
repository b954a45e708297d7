/** One message in the list: author, time, quoted parent, text with safe links, reactions, state and actions. */
import { SUPPORTIVE_EMOJI } from '@circles/shared';
import { memo, useEffect, useRef } from 'react';
import type { ChatMessage } from '../../stores/chat';
import { EMOJI_NAMES, formatDay, formatTime } from './format';
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
          <span>New messages</span>
        </p>
      )}
      <article
        className={`msg${mine ? ' mine' : ''}${mentionsMe ? ' mentions-me' : ''}${message.state === 'failed' ? ' failed' : ''}`}
        aria-labelledby={labelId}
      >
        <header className="msg-head" id={labelId}>
          <span className="msg-author">{mine ? `${message.author.displayName} (you)` : message.author.displayName}</span>
          {message.author.clinician && <span className="badge clinician">Verified clinician</span>}
          <time dateTime={message.createdAt} className="muted">
            {formatTime(message.createdAt)}
          </time>
          {message.editedAt && !deleted && <span className="muted msg-edited">(edited)</span>}
        </header>

        {message.replyTo && (
          <p className="msg-quote">
            <span className="visually-hidden">Replying to </span>
            <span className="msg-quote-author">{message.replyTo.author.displayName}</span>
            {': '}
            {message.replyTo.body ?? <em>deleted message</em>}
          </p>
        )}

        {deleted ? (
          <p className="msg-body msg-deleted">This message was deleted.</p>
        ) : (
          <p className="msg-body">
            <LinkifiedText text={message.body ?? ''} />
          </p>
        )}

        {!deleted && message.reactions.length > 0 && (
          <ul className="msg-reactions" aria-label="Reactions">
            {message.reactions.map((r) => (
              <li key={r.emoji}>
                <button
                  type="button"
                  className={`reaction-chip${r.mine ? ' mine' : ''}`}
                  aria-pressed={r.mine}
                  aria-label={`${r.emoji} ${EMOJI_NAMES[r.emoji] ?? ''}: ${r.count}${r.mine ? ', including you' : ''}`}
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
            {message.state === 'sending' && 'Sending…'}
            {message.state === 'sent' && <span className="muted">✓ Sent</span>}
            {message.state === 'failed' && (
              <>
                <span>Not sent{message.error ? `: ${message.error}` : ''}</span>{' '}
                <button type="button" className="button secondary small" onClick={() => actions.retry(message.clientId)}>
                  Retry
                </button>{' '}
                <button type="button" className="link-button" onClick={() => actions.discard(message.clientId)}>
                  Discard
                </button>
              </>
            )}
          </p>
        )}

        {!local && !deleted && (
          <div className="msg-actions" role="group" aria-label="Actions">
            {canPost && (
              <button type="button" className="msg-action" onClick={() => actions.reply(message)}>
                Reply
              </button>
            )}
            {canPost && (
              <button
                type="button"
                className="msg-action"
                aria-expanded={reacting}
                onClick={() => actions.toggleReactions(reacting ? null : message.id)}
              >
                React
              </button>
            )}
            {mine && canPost && (
              <button type="button" className="msg-action" onClick={() => actions.edit(message)}>
                Edit
              </button>
            )}
            {(mine || canModerate) && (
              <button type="button" className="msg-action" onClick={() => actions.askDelete(message.id)}>
                Delete
              </button>
            )}
          </div>
        )}

        {reacting && (
          <div
            className="reaction-picker"
            role="group"
            aria-label="Choose a reaction"
            ref={pickerRef}
            onKeyDown={(e) => {
              if (e.key === 'Escape') actions.toggleReactions(null);
            }}
          >
            {SUPPORTIVE_EMOJI.map((emoji) => (
              <button
                key={emoji}
                type="button"
                aria-label={`React with ${emoji} (${EMOJI_NAMES[emoji]})`}
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
          <div className="msg-confirm" role="group" aria-label="Confirm deletion" ref={confirmRef}
            onKeyDown={(e) => {
              if (e.key === 'Escape') actions.askDelete(null);
            }}
          >
            <span>Delete this message for everyone?</span>{' '}
            <button type="button" className="button danger small" onClick={() => actions.confirmDelete(message.id)}>
              Delete message
            </button>{' '}
            <button type="button" className="button secondary small" onClick={() => actions.askDelete(null)}>
              Cancel
            </button>
          </div>
        )}
      </article>
    </>
  );
});
