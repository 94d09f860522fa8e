// One conversation: its messages oldest first (text only; HTML mail arrives already reduced to text by the
// core, and React escapes everything), each outgoing message with its delivery state, and the reply box.
import { forwardRef, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, ConversationDetail, Message } from '../../../../shared/domain/types';
import { fullTime, errorText } from '../../components/format';

export interface OutboxActions {
  retry(outboxId: string): void;
  discard(outboxId: string): void;
}

function MessageItem({ m, actions, onEdit, newerSince }: { m: Message; actions: OutboxActions; onEdit: (m: Message) => void; newerSince: boolean }) {
  const { t, i18n } = useTranslation();
  const sender = m.direction === 'out' ? `${m.from.name || m.from.address} (${t('thread.you')})` : m.from.name || m.from.address;
  return (
    <article className={`message ${m.direction}`} data-message-id={m.id}>
      <header>
        <span className="sender" title={m.from.address}>
          {sender}
        </span>
        <time dateTime={new Date(m.date).toISOString()}>{fullTime(m.date, i18n.language)}</time>
      </header>
      <div className="recipients">{t('thread.to', { names: m.to.map((p) => p.name || p.address).join(', ') })}</div>
      <div className="body" dir="auto">
        {m.text}
      </div>
      {m.attachments.length > 0 && (
        <ul className="attachments" aria-label={t('thread.attachments')}>
          {m.attachments.map((a) => (
            <li key={a.id}>
              📎 {a.filename} <small>({Math.max(1, Math.round(a.size / 1024))} KB)</small>
            </li>
          ))}
        </ul>
      )}
      <footer>
        {m.fromHtml && <span className="tag">{t('thread.fromHtml')}</span>}
        {m.sendState && (
          <span className={`send-state ${m.sendState}`} data-testid="send-state" title={m.sendError ?? ''}>
            {t(`sendState.${m.sendState}`)}
            {m.sendError && m.sendState !== 'sent' ? ` — ${m.sendError}` : ''}
          </span>
        )}
        {newerSince && (
          <span className="conflict" role="note">
            ⚠ {t('thread.newSince')}
          </span>
        )}
        {m.sendState === 'failed' && m.outboxId && (
          <span className="outbox-actions">
            <button type="button" onClick={() => actions.retry(m.outboxId!)}>
              {t('outbox.retry')}
            </button>
            <button type="button" onClick={() => onEdit(m)}>
              {t('outbox.edit')}
            </button>
            <button type="button" onClick={() => actions.discard(m.outboxId!)}>
              {t('outbox.discard')}
            </button>
          </span>
        )}
      </footer>
    </article>
  );
}

export interface ConversationActions {
  markUnread(): void;
  setFlagged(flagged: boolean): void;
  setStatus(status: 'open' | 'closed'): void;
  setTags(tags: string[]): void;
}

interface ThreadViewProps {
  detail: ConversationDetail | null;
  onReply: (text: string) => Promise<ApiError | null>;
  conversation: ConversationActions;
  actions: OutboxActions;
}

function TagEditor({ tags, onChange }: { tags: string[]; onChange: (tags: string[]) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  return (
    <div className="tags" aria-label={t('thread.tags')}>
      {tags.map((tag) => (
        <span className="tag-chip" key={tag}>
          {tag}
          <button type="button" aria-label={t('thread.removeTag', { tag })} onClick={() => onChange(tags.filter((x) => x !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        className="tag-input"
        aria-label={t('thread.addTag')}
        placeholder={t('thread.addTag')}
        value={draft}
        maxLength={40}
        onChange={(e) => setDraft(e.target.value.replace(/,/g, ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && draft.trim()) {
            e.preventDefault();
            if (!tags.includes(draft.trim())) onChange([...tags, draft.trim()]);
            setDraft('');
          }
        }}
      />
    </div>
  );
}

export const ThreadView = forwardRef<HTMLTextAreaElement, ThreadViewProps>(
  function ThreadView({ detail, onReply, conversation: act, actions }, replyRef) {
    const { t } = useTranslation();
    const [draft, setDraft] = useState('');
    const [busy, setBusy] = useState(false);
    const [error, setError] = useState<ApiError | null>(null);
    const endRef = useRef<HTMLDivElement>(null);
    const conversationId = detail?.conversation.id;

    // Keep an unsent draft per conversation only while it is open; switching clears errors.
    useEffect(() => {
      setDraft('');
      setError(null);
    }, [conversationId]);
    useEffect(() => {
      endRef.current?.scrollIntoView({ block: 'end' });
    }, [conversationId, detail?.messages.length]);

    if (!detail) {
      return (
        <section className="thread empty-thread">
          <h2>{t('thread.none')}</h2>
          <p>{t('thread.noneHint')}</p>
        </section>
      );
    }
    const { conversation, messages } = detail;
    const send = async () => {
      if (!draft.trim() || busy) return;
      setBusy(true);
      const err = await onReply(draft);
      setBusy(false);
      setError(err);
      if (!err) setDraft('');
    };
    const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void send();
      }
    };
    const shown = error && errorText(t, error);
    return (
      <section className="thread" aria-label={conversation.subject}>
        <header className="thread-header">
          <h1>{conversation.subject}</h1>
          <div className="customer-line">
            {conversation.customerName} &lt;{conversation.customerAddress}&gt;
          </div>
          <div className="thread-actions">
            <button type="button" aria-pressed={conversation.flagged} onClick={() => act.setFlagged(!conversation.flagged)}>
              {conversation.flagged ? `★ ${t('thread.unstar')}` : `☆ ${t('thread.star')}`}
            </button>
            <button type="button" onClick={() => act.setStatus(conversation.status === 'open' ? 'closed' : 'open')}>
              {conversation.status === 'open' ? t('thread.close') : t('thread.reopen')}
            </button>
            <button type="button" onClick={act.markUnread}>
              {t('thread.markUnread')}
            </button>
          </div>
          <TagEditor tags={conversation.tags} onChange={act.setTags} />
        </header>
        <div className="messages">
          {messages.map((m) => (
            <MessageItem
              key={m.id}
              m={m}
              // Someone (the customer, or another agent) wrote after this reply was composed and before it left.
              newerSince={(m.sendState === 'queued' || m.sendState === 'failed') && messages.some((o) => o.id !== m.id && o.date > m.date && !o.sendState)}
              actions={actions}
              onEdit={(failed) => {
                // The failed reply comes back into the box to be changed and sent anew.
                setDraft(failed.text);
                actions.discard(failed.outboxId!);
              }}
            />
          ))}
          <div ref={endRef} />
        </div>
        <form
          className="reply"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <textarea
            ref={replyRef}
            aria-label={t('reply.label')}
            placeholder={t('reply.placeholder', { name: conversation.customerName || conversation.customerAddress })}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            rows={4}
            dir="auto"
          />
          {shown && (
            <div className="form-error" role="alert">
              <strong>{shown.message}</strong>
              <small>{shown.detail}</small>
            </div>
          )}
          <div className="reply-actions">
            <span className="hint">{t('reply.hint')}</span>
            <button type="submit" className="primary" disabled={busy || !draft.trim()}>
              {busy ? t('reply.sending') : t('reply.send')}
            </button>
          </div>
        </form>
      </section>
    );
  },
);
