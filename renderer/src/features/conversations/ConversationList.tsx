// The one inbox: every conversation of every account, newest first.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/domain/types';
import { shortTime } from '../../components/format';

export function ConversationList({
  items,
  selectedId,
  onSelect,
}: {
  items: ConversationSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const selectedRef = useRef<HTMLLIElement>(null);
  // Block body: newer Chromium returns a Promise from scrollIntoView, which must not become the cleanup.
  useEffect(() => {
    selectedRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  if (items.length === 0) return <div className="empty">{t('list.empty')}</div>;
  return (
    <ul className="conversation-list" role="listbox" aria-label={t('list.label')}>
      {items.map((c) => (
        <li
          key={c.id}
          ref={c.id === selectedId ? selectedRef : undefined}
          role="option"
          aria-selected={c.id === selectedId}
          className={`conversation${c.unreadCount > 0 ? ' unread' : ''}${c.id === selectedId ? ' selected' : ''}${c.status === 'closed' ? ' closed' : ''}`}
          data-conversation-id={c.id}
          onClick={() => onSelect(c.id)}
        >
          <div className="row">
            <span className="customer">
              {c.flagged && (
                <span className="star" aria-label={t('list.starred')}>
                  ★{' '}
                </span>
              )}
              {c.customerName || c.customerAddress}
            </span>
            <time dateTime={new Date(c.lastMessageAt).toISOString()}>{shortTime(c.lastMessageAt, i18n.language)}</time>
          </div>
          <div className="row">
            <span className="subject">{c.subject}</span>
            {c.unreadCount > 0 && (
              <span className="unread-count" aria-label={t('list.unread', { count: c.unreadCount })}>
                {c.unreadCount}
              </span>
            )}
          </div>
          <div className="snippet">{c.snippet}</div>
          {(c.tags.length > 0 || c.status === 'closed' || c.marketplace) && (
            <div className="row-tags">
              {c.marketplace && <span className="marketplace-badge small">{c.marketplace.name}</span>}
              {c.status === 'closed' && <span className="closed-badge">{t('list.closed')}</span>}
              {c.tags.map((tag) => (
                <span className="tag-chip small" key={tag}>
                  {tag}
                </span>
              ))}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
