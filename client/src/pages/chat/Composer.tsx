/**
 * The message box: Enter sends, Shift+Enter makes a new line. `@` opens member suggestions (arrow
 * keys, Enter or Tab to pick, Escape to close). The draft is kept in localStorage as it is typed.
 */
import type { PublicUser } from '@circles/shared';
import { forwardRef, useEffect, useId, useImperativeHandle, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { preloadPersonalData } from '../../safety/personalData';
import { drafts } from '../../stores/chat';

const MAX_BODY = 4000;
const MENTION_AT_CARET = /(^|[^\p{L}\p{N}])@([^@\n]{0,40})$/u;

export interface ComposerHandle {
  focus(): void;
  currentText(): string;
  setText(text: string): void;
}

interface Props {
  slug: string;
  candidates: PublicUser[];
  replyTo: { name: string; excerpt: string } | null;
  editing: boolean;
  onCancelReply(): void;
  onCancelEdit(): void;
  /** Resolves 'keep' when the text must stay in the box (the personal-data warning is showing). */
  onSubmit(text: string): Promise<void | 'keep'> | void;
  onTyping(isTyping: boolean): void;
  /** The text changed (a warning about the previous text no longer applies). */
  onTextChange?(): void;
}

export const Composer = forwardRef<ComposerHandle, Props>(function Composer(
  { slug, candidates, replyTo, editing, onCancelReply, onCancelEdit, onSubmit, onTyping, onTextChange },
  ref,
) {
  const { t } = useTranslation('chat');
  const [text, setText] = useState(() => drafts.load(slug));
  const [error, setError] = useState<string | null>(null);
  const [mention, setMention] = useState<{ query: string; start: number } | null>(null);
  const [active, setActive] = useState(0);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  const savedDraft = useRef(text);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const listId = useId();
  const hintId = useId();
  const errorId = useId();

  useImperativeHandle(ref, () => ({
    focus: () => areaRef.current?.focus(),
    currentText: () => text,
    setText: (value: string) => {
      setText(value);
      requestAnimationFrame(() => {
        const area = areaRef.current;
        if (area) {
          area.focus();
          area.setSelectionRange(value.length, value.length);
        }
      });
    },
  }));

  // The draft (not an edit in progress) survives reloads and going offline.
  useEffect(() => {
    if (editing) return;
    const timer = setTimeout(() => {
      drafts.save(slug, text);
      savedDraft.current = text;
    }, 250);
    return () => clearTimeout(timer);
  }, [slug, text, editing]);
  useEffect(() => () => {
    if (typingTimer.current) clearTimeout(typingTimer.current);
  }, []);

  const options = useMemo(() => {
    if (!mention) return [];
    const q = mention.query.toLocaleLowerCase();
    return candidates.filter((c) => c.displayName.toLocaleLowerCase().startsWith(q)).slice(0, 6);
  }, [mention, candidates]);
  const open = mention !== null && options.length > 0;

  const updateMention = (value: string, caret: number) => {
    const match = MENTION_AT_CARET.exec(value.slice(0, caret));
    if (!match) return setMention(null);
    const query = match[2] ?? '';
    setMention({ query, start: caret - query.length - 1 });
    setActive(0);
  };

  const pick = (user: PublicUser) => {
    const area = areaRef.current;
    if (!mention || !area) return;
    const caret = area.selectionStart;
    const inserted = `@${user.displayName} `;
    const next = text.slice(0, mention.start) + inserted + text.slice(caret);
    setText(next);
    setMention(null);
    const at = mention.start + inserted.length;
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(at, at);
    });
  };

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    const body = text.replace(/\r\n?/g, '\n').trim();
    if (!body) return;
    if (body.length > MAX_BODY) {
      setError(t('composer.tooLong', { max: MAX_BODY, length: body.length }));
      return;
    }
    setError(null);
    try {
      if ((await onSubmit(body)) === 'keep') return;
      setMention(null);
      // After an edit the draft that was put aside comes back; after a send the box is empty.
      if (editing) setText(drafts.load(slug));
      else {
        setText('');
        drafts.save(slug, '');
      }
      onTyping(false);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('composer.failed'));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        return setActive((i) => (i + 1) % options.length);
      }
      if (e.key === 'ArrowUp') {
        e.preventDefault();
        return setActive((i) => (i - 1 + options.length) % options.length);
      }
      if (e.key === 'Enter' || e.key === 'Tab') {
        e.preventDefault();
        return pick(options[active]!);
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        return setMention(null);
      }
    }
    if (e.key === 'Escape' && (editing || replyTo)) {
      e.preventDefault();
      if (editing) onCancelEdit();
      else onCancelReply();
      return;
    }
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    // The personal-data check runs before each send: its chunk (the largest, with the phone numbers'
    // metadata) is fetched once someone starts writing, not while the room is first shown.
    <form className="composer" onSubmit={submit} onFocus={preloadPersonalData}>
      {replyTo && !editing && (
        <div className="composer-context">
          <p>
            {t('composer.replyingTo')} <strong>{replyTo.name}</strong>: <span className="muted">{replyTo.excerpt}</span>
          </p>
          <button type="button" className="link-button" onClick={onCancelReply}>
            {t('composer.cancelReply')}
          </button>
        </div>
      )}
      {editing && (
        <div className="composer-context">
          <p>{t('composer.editing')}</p>
          <button type="button" className="link-button" onClick={onCancelEdit}>
            {t('composer.cancelEdit')}
          </button>
        </div>
      )}
      <div className="composer-row">
        <label htmlFor={`${listId}-input`} className="visually-hidden">
          {t('composer.label')}
        </label>
        <textarea
          id={`${listId}-input`}
          ref={areaRef}
          rows={2}
          value={text}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          aria-invalid={error ? true : undefined}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          placeholder={t('composer.placeholder')}
          onChange={(e) => {
            setText(e.target.value);
            onTextChange?.();
            updateMention(e.target.value, e.target.selectionStart);
            if (e.target.value.trim()) {
              onTyping(true);
              if (typingTimer.current) clearTimeout(typingTimer.current);
              typingTimer.current = setTimeout(() => onTyping(false), 4_000);
            } else onTyping(false);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setMention(null), 150)}
        />
        <button type="submit" className="button primary" disabled={!text.trim()}>
          {editing ? t('composer.save') : t('composer.send')}
        </button>
      </div>
      <p id={hintId} className="hint composer-hint">
        {t('composer.hint')}
      </p>
      {error && (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      )}
      {open && (
        <ul id={listId} role="listbox" aria-label={t('composer.mentionList')} className="mention-list">
          {options.map((user, i) => (
            <li
              key={user.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(user);
              }}
            >
              {user.displayName}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
});
