// The customer beside the thread: every identity (e-mail, Telegram ...), the orders they wrote about, their other
// conversations on every channel, the team's notes about them, and merging two customers into one (with undo).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, CustomerClock, CustomerMatch, CustomerProfile } from '../../../../shared/domain/types';
import { CustomerClockLine } from './CustomerClockLine';
import { getApi } from '../../api/client';
import { FormError } from '../../components/FormError';

const ICONS: Record<string, string> = { email: '✉', demo: '✉', telegram: '✈', ebay: '🛒', mercadolibre: '🤝', messenger: '💬', instagram: '📷' };

export function CustomerPanel({
  conversationId,
  clock,
  onOpen,
  refreshKey,
}: {
  conversationId: string;
  clock: CustomerClock | null;
  onOpen: (id: string) => void;
  /** Changes when the conversation did (a split or merge changes the customer's other conversations). */
  refreshKey?: unknown;
}) {
  const { t } = useTranslation();
  const [profile, setProfile] = useState<CustomerProfile | null>(null);
  const [searching, setSearching] = useState(false);
  const [text, setText] = useState('');
  const [matches, setMatches] = useState<CustomerMatch[]>([]);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    const r = await getApi().invoke('customers.profile', { conversationId });
    setProfile(r.ok ? r.value : null);
  }, [conversationId]);
  useEffect(() => {
    setSearching(false);
    setText('');
    setMatches([]);
    setError(null);
  }, [load]);
  useEffect(() => {
    void load();
  }, [load, refreshKey]);

  useEffect(() => {
    if (!profile || !text.trim()) return setMatches([]);
    let stale = false;
    void getApi()
      .invoke('customers.search', { text: text.trim(), exceptId: profile.id })
      .then((r) => !stale && (r.ok ? setMatches(r.value) : setError(r.error)));
    return () => {
      stale = true;
    };
  }, [text, profile]);

  if (!profile) return null;
  const others = profile.conversations.filter((c) => c.id !== conversationId);
  const accountId = profile.conversations.find((c) => c.id === conversationId)?.accountId;
  const mergeIn = async (fromId: string) => {
    const r = await getApi().invoke('conversations.merge', { intoId: conversationId, fromId });
    if (!r.ok) return setError(r.error);
    await load();
  };

  const merge = async (fromId: string) => {
    const r = await getApi().invoke('customers.merge', { intoId: profile.id, fromId });
    if (!r.ok) return setError(r.error);
    setSearching(false);
    setText('');
    await load();
  };
  const undo = async (mergeId: string) => {
    const r = await getApi().invoke('customers.unmerge', { mergeId });
    if (!r.ok) return setError(r.error);
    await load();
  };

  return (
    <section className="customer-panel" aria-label={t('customer.panel')} data-testid="customer-panel">
      <CustomerClockLine conversationId={conversationId} clock={clock} onError={(message) => setError({ code: 'INTERNAL', message })} />
      <ul className="identities">
        {profile.identities.map((i) => (
          <li key={`${i.accountId}:${i.address}`} data-testid="identity">
            <span aria-label={t(`channels.${i.channel}`)} role="img">
              {ICONS[i.channel] ?? '•'}
            </span>{' '}
            {i.address}
          </li>
        ))}
      </ul>
      {profile.orders.length > 0 && (
        <div className="customer-orders" data-testid="customer-orders">
          {t('customer.orders')}{' '}
          {profile.orders.map((o) => (
            <button key={o.orderId} type="button" className="link-button order" onClick={() => onOpen(o.conversationId)}>
              {o.marketplace ? `${o.marketplace.name} ${o.orderId}` : o.orderId}
            </button>
          ))}
        </div>
      )}
      {others.length > 0 && (
        <div className="other-conversations">
          {t('customer.others', { count: others.length })}{' '}
          {others.map((c) => (
            <span key={c.id} className="other-conversation">
              <button type="button" className="link-button" onClick={() => onOpen(c.id)}>
                {ICONS[c.channel] ?? ''} {c.subject || c.snippet.slice(0, 40)}
              </button>
              {c.accountId === accountId && (
                <button
                  type="button"
                  className="link-button merge-in"
                  aria-label={t('customer.mergeIn', { subject: c.subject || c.snippet.slice(0, 40) })}
                  title={t('customer.mergeIn', { subject: c.subject || c.snippet.slice(0, 40) })}
                  onClick={() => void mergeIn(c.id)}
                >
                  ⇲
                </button>
              )}
            </span>
          ))}
        </div>
      )}
      <CustomerNote key={profile.id} customerId={profile.id} saved={profile.note} onError={setError} />
      {profile.lastMerge && (
        <button type="button" className="link-button" onClick={() => void undo(profile.lastMerge!.id)}>
          {t('customer.undoMerge', { name: profile.lastMerge.fromName })}
        </button>
      )}
      {!searching ? (
        <button type="button" className="link-button" onClick={() => setSearching(true)}>
          {t('customer.mergeWith')}
        </button>
      ) : (
        <div className="merge-search">
          <input aria-label={t('customer.search')} placeholder={t('customer.search')} value={text} autoFocus onChange={(e) => setText(e.target.value)} />
          <ul>
            {matches.map((m) => (
              <li key={m.id}>
                {m.name || m.identities[0]?.address} <small>{m.identities.map((i) => i.address).join(', ')}</small>{' '}
                <button type="button" onClick={() => void merge(m.id)}>
                  {t('customer.merge')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <FormError error={error} />
    </section>
  );
}

/** The team's notes about the customer, saved when the field is left. */
function CustomerNote({ customerId, saved, onError }: { customerId: string; saved: string; onError: (e: ApiError) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(saved);
  const [stored, setStored] = useState(saved);
  const save = async () => {
    if (text.trim() === stored) return;
    const r = await getApi().invoke('customers.setNote', { customerId, note: text });
    if (!r.ok) return onError(r.error);
    setStored(r.value.note);
  };
  return (
    <label className="customer-note">
      {t('customer.note')}
      <textarea value={text} rows={text ? 3 : 1} placeholder={t('customer.notePlaceholder')} onChange={(e) => setText(e.target.value)} onBlur={() => void save()} />
    </label>
  );
}
