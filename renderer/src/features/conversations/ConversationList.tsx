// The one inbox: every conversation of every account, newest first. Only the rows in view are in the DOM
// (@tanstack/react-virtual), so a mailbox of thousands of conversations scrolls as fast as one of ten; nearing
// the end asks for the next page.
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { ConversationSummary } from '../../../../shared/domain/types';
import { shortTime } from '../../components/format';
import { ReplyDue } from '../sla/ReplyDue';

/** A first guess at a row's height; each row is measured once it is drawn. */
const ESTIMATED_ROW_PX = 76;

/** A conversation's channel at a glance (e-mail, the default, shows none). */
const CHANNEL_ICONS: Record<string, string> = { telegram: '✈', ebay: '🛒', mercadolibre: '🤝', messenger: '💬', instagram: '📷' };

export function ConversationList({
  items,
  selectedId,
  onSelect,
  onEndReached,
}: {
  items: ConversationSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Called when the last rows come into view (the list may have more than it loaded). */
  onEndReached?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    getItemKey: (i) => items[i]!.id,
  });
  const rows = virtualizer.getVirtualItems();

  // Keyboard navigation (J/K) moves the selection: keep it in view (only when the selection changes, not on
  // every list refresh, which would pull the list back while the agent scrolls).
  useEffect(() => {
    const index = items.findIndex((c) => c.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [selectedId]);

  const last = rows.at(-1)?.index ?? -1;
  useEffect(() => {
    if (onEndReached && items.length > 0 && last >= items.length - 5) onEndReached();
  }, [last, items.length, onEndReached]);

  if (items.length === 0) return <div className="empty">{t('list.empty')}</div>;
  return (
    <div className="conversation-list" role="listbox" aria-label={t('list.label')} ref={scroller}>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {rows.map((row) => {
          const c = items[row.index]!;
          return (
            <div
              key={row.key}
              ref={virtualizer.measureElement}
              data-index={row.index}
              role="option"
              aria-selected={c.id === selectedId}
              aria-setsize={items.length}
              aria-posinset={row.index + 1}
              className={`conversation${c.unreadCount > 0 ? ' unread' : ''}${c.id === selectedId ? ' selected' : ''}${c.status === 'closed' ? ' closed' : ''}`}
              data-conversation-id={c.id}
              onClick={() => onSelect(c.id)}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${row.start}px)` }}
            >
              <div className="row">
                <span className="customer">
                  {c.flagged && (
                    <span className="star" aria-label={t('list.starred')}>
                      ★{' '}
                    </span>
                  )}
                  {c.answered && (
                    <span className="answered" aria-label={t('list.answered')} title={t('list.answered')}>
                      ↩{' '}
                    </span>
                  )}
                  {c.channel !== 'email' && c.channel !== 'demo' && (
                    <span className={`channel-icon channel-${c.channel}`} role="img" aria-label={t(`channels.${c.channel}`)} title={t(`channels.${c.channel}`)}>
                      {CHANNEL_ICONS[c.channel]}
                    </span>
                  )}
                  {c.customerName || c.customerAddress}
                </span>
                <time dateTime={new Date(c.lastMessageAt).toISOString()}>{shortTime(c.lastMessageAt, i18n.language)}</time>
              </div>
              <div className="row">
                {c.urgency === 'urgent' && (
                  <span className="urgency-badge urgent" data-testid="urgent">
                    {t('urgency.urgent')}
                  </span>
                )}
                {c.hasDraft && (
                  <span className="draft-badge" data-testid="draft">
                    {t('list.draft')}
                  </span>
                )}
                {c.replyDueAt !== null && <ReplyDue dueAt={c.replyDueAt} />}
                <span className="subject">{c.subject}</span>
                {c.unreadCount > 0 && (
                  <span className="unread-count" aria-label={t('list.unread', { count: c.unreadCount })}>
                    {c.unreadCount}
                  </span>
                )}
              </div>
              <div className="snippet">{c.snippet}</div>
              {(c.tags.length > 0 || c.status === 'closed' || c.marketplace || c.assignee) && (
                <div className="row-tags">
                  {c.assignee && (
                    <span className="assignee-chip" data-testid="assignee" title={t('list.assignee', { name: c.assignee })}>
                      👤 {c.assignee}
                    </span>
                  )}
                  {c.marketplace && <span className="marketplace-badge small">{c.marketplace.name}</span>}
                  {c.status === 'closed' && <span className="closed-badge">{t('list.closed')}</span>}
                  {c.tags.map((tag) => (
                    <span className="tag-chip small" key={tag}>
                      {tag}
                    </span>
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
