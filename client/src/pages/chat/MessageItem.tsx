/** One message in the list: author, time, quoted parent, text with safe links, reactions, state and actions. */
import { SUPPORTIVE_EMOJI } from '@circles/shared/client';
import { memo, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { HighlightedText } from '../../safety/HighlightedText';
import type { ChatMessage } from '../../stores/chat';
import { Affiliations } from '../../components/Affiliations';
import { emojiName, formatDay, formatTime } from './format';
import { LinkifiedText } from './linkify';
import { personName } from '../../i18n/people';

export type ModerationAction = 'mute' | 'ban' | 'remove';

export interface MessageActions {
  reply(message: ChatMessage): void;
  edit(message: ChatMessage): void;
  askDelete(id: string | null): void;
  /** A moderator deleting someone else's message may say why (its author is told). */
  confirmDelete(id: string, reason?: string): void;
  toggleMenu(id: string | null): void;
  /** Focus went into this message: it holds the list's tab stop now. */
  setCurrent(key: string): void;
  report(message: ChatMessage): void;
  moderate(action: ModerationAction, message: ChatMessage): void;
  /** A message the server refused for personal data: send it again, acknowledged. */
  postAnyway(clientId: string): void;
  /** A refused message goes back into the message box to be edited. */
  editUnsent(message: ChatMessage): void;
  toggleReactions(id: string | null): void;
  react(id: string, emoji: string): void;
  retry(clientId: string): void;
  discard(clientId: string): void;
}

interface Props {
  message: ChatMessage;
  /** In the chat's list (roving tabindex): this message's key, and whether it holds the tab stop. */
  listKey?: string;
  current?: boolean;
  myId: string;
  canModerate: boolean;
  canPost: boolean;
  showDay: boolean;
  firstUnread: boolean;
  confirmingDelete: boolean;
  reacting: boolean;
  menuOpen: boolean;
  actions: MessageActions;
  /** A record (an event's transcript): no send state, no actions. */
  readOnly?: boolean;
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
  listKey,
  current,
  myId,
  canModerate,
  canPost,
  showDay,
  firstUnread,
  confirmingDelete,
  reacting,
  menuOpen,
  actions,
  readOnly = false,
}: Props) {
  const { t } = useTranslation(['chat', 'common']);
  const mine = message.author.id === myId;
  const authorName = personName(message.author);
  const deleted = message.deletedAt !== null;
  const local = message.state !== 'sent';
  const mentionsMe = !deleted && message.mentions.includes(myId);
  const pickerRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLDivElement>(null);
  const labelId = `msg-${message.author.id}-${message.clientId}`;
  const menuRef = useRef<HTMLDivElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const reasonId = useId();
  const [deleteReason, setDeleteReason] = useState('');
  const moderatingOther = canModerate && !mine;
  const personalDataRefusal = message.state === 'failed' && message.error?.code === 'PERSONAL_DATA';

  const articleRef = useRef<HTMLElement>(null);
  const reactRef = useRef<HTMLButtonElement>(null);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const cancelDeleteRef = useRef<HTMLButtonElement>(null);
  const roving = listKey !== undefined;

  // One tab stop for the whole list: the links and buttons of the other messages leave the tab order
  // (arrow keys reach those messages, Tab then reaches their actions). Buttons that manage their own
  // tabindex (menu items) are left alone.
  useLayoutEffect(() => {
    const article = articleRef.current;
    if (!article || !roving) return;
    for (const el of article.querySelectorAll<HTMLElement>('a[href], button, input, textarea, select')) {
      if (!current && !el.hasAttribute('tabindex')) {
        el.setAttribute('tabindex', '-1');
        el.dataset.roving = '';
      } else if (current && el.dataset.roving !== undefined) {
        el.removeAttribute('tabindex');
        delete el.dataset.roving;
      }
    }
  });

  // Opening the picker or a confirmation moves focus into it; closing it (Escape, Cancel, a choice)
  // brings focus back to the button that opened it. A deletion's confirmation focuses "Cancel":
  // two Enter presses can never delete a message.
  const wasReacting = useRef(false);
  useEffect(() => {
    if (reacting) pickerRef.current?.querySelector('button')?.focus();
    else if (wasReacting.current && (!document.activeElement || document.activeElement === document.body)) reactRef.current?.focus();
    wasReacting.current = reacting;
  }, [reacting]);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirmingDelete) cancelDeleteRef.current?.focus();
    else if (wasConfirming.current && (!document.activeElement || document.activeElement === document.body)) deleteRef.current?.focus();
    wasConfirming.current = confirmingDelete;
  }, [confirmingDelete]);
  useEffect(() => {
    if (menuOpen) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [menuOpen]);

  /** Arrow keys move through the menu, Escape closes it and returns to its button. */
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => items[(i + items.length) % items.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(items.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      if (e.key === 'Escape') moreRef.current?.focus();
      actions.toggleMenu(null);
      if (e.key === 'Tab') return;
    } else return;
    e.preventDefault();
  };
  const choose = (run: () => void) => () => {
    actions.toggleMenu(null);
    run();
  };
  const hasMenu = !mine;

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
        ref={articleRef}
        tabIndex={roving ? (current ? 0 : -1) : undefined}
        data-key={listKey}
        onFocus={roving ? () => !current && actions.setCurrent(listKey) : undefined}
        className={`msg${mine ? ' mine' : ''}${message.eventHost ? ' event-host' : ''}${mentionsMe ? ' mentions-me' : ''}${message.state === 'failed' ? ' failed' : ''}`}
        aria-labelledby={labelId}
      >
        <header className="msg-head" id={labelId}>
          <span className="msg-author">{mine ? t('common:people.you', { name: authorName }) : authorName}</span>
          <Affiliations user={message.author} link={false} />
          {message.author.clinician && <span className="badge clinician">{t('common:people.verifiedClinician')}</span>}
          {message.eventHost && <span className="badge host">{t('message.eventHost')}</span>}
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
        ) : personalDataRefusal && message.error?.spans?.length ? (
          <p className="msg-body">
            <HighlightedText text={message.body ?? ''} spans={message.error.spans} />
          </p>
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

        {mine && !readOnly && (
          <p className={`msg-state ${message.state}`}>
            {message.state === 'sending' && t('message.sending')}
            {message.state === 'sent' && <span className="muted">{t('message.sent')}</span>}
            {personalDataRefusal && (
              <>
                <span>{t('message.personalData')}</span>{' '}
                <button type="button" className="button secondary small" onClick={() => actions.editUnsent(message)}>
                  {t('message.editUnsent')}
                </button>{' '}
                <button type="button" className="button secondary small" onClick={() => actions.postAnyway(message.clientId)}>
                  {t('message.postAnyway')}
                </button>{' '}
                <button type="button" className="link-button" onClick={() => actions.discard(message.clientId)}>
                  {t('message.discard')}
                </button>
              </>
            )}
            {message.state === 'failed' && !personalDataRefusal && (
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

        {!local && !deleted && !readOnly && (
          <div className="msg-actions" role="group" aria-label={t('message.actions')}>
            {canPost && (
              <button type="button" className="msg-action" onClick={() => actions.reply(message)}>
                {t('message.reply')}
              </button>
            )}
            {canPost && (
              <button
                ref={reactRef}
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
              <button ref={deleteRef} type="button" className="msg-action" aria-expanded={confirmingDelete} onClick={() => actions.askDelete(message.id)}>
                {t('message.delete')}
              </button>
            )}
            {hasMenu && (
              <button
                ref={moreRef}
                type="button"
                className="msg-action"
                aria-haspopup="menu"
                aria-expanded={menuOpen}
                aria-controls={menuOpen ? menuId : undefined}
                onClick={() => actions.toggleMenu(menuOpen ? null : message.id)}
              >
                {t('message.more')}
              </button>
            )}
          </div>
        )}

        {menuOpen && !local && !deleted && (
          <div id={menuId} className="msg-menu" role="menu" aria-label={t('message.moreFor', { name: authorName })} ref={menuRef} onKeyDown={onMenuKey}>
            {!mine && (
              <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => actions.report(message))}>
                {t('message.report')}
              </button>
            )}
            {moderatingOther && (
              <>
                <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => actions.moderate('mute', message))}>
                  {t('message.muteAuthor', { name: authorName })}
                </button>
                <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => actions.moderate('ban', message))}>
                  {t('message.banAuthor', { name: authorName })}
                </button>
                <button type="button" role="menuitem" tabIndex={-1} onClick={choose(() => actions.moderate('remove', message))}>
                  {t('message.removeAuthor', { name: authorName })}
                </button>
              </>
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
            {moderatingOther && (
              <span className="msg-delete-reason">
                <label htmlFor={reasonId}>{t('message.deleteReason')}</label>
                <input id={reasonId} type="text" maxLength={1000} value={deleteReason} onChange={(e) => setDeleteReason(e.target.value)} />
              </span>
            )}
            <button type="button" className="button danger small" onClick={() => actions.confirmDelete(message.id, deleteReason.trim() || undefined)}>
              {t('message.deleteConfirm')}
            </button>{' '}
            <button ref={cancelDeleteRef} type="button" className="button secondary small" onClick={() => actions.askDelete(null)}>
              {t('common:action.cancel')}
            </button>
          </div>
        )}
      </article>
    </>
  );
});
