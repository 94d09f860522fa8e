// "🕒 Wed 03:12 there · Germany · from their mail — night there": the customer's local time now, where it comes
// from, and a way to set their time zone when the guess is wrong (or unknown).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerClock } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { useMinuteClock } from '../../components/clock';
import { customerHour, customerTime, offsetLabel } from './customer-time';

function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function CustomerClockLine({ conversationId, clock, onError }: { conversationId: string; clock: CustomerClock | null; onError: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const now = useMinuteClock();
  const [editing, setEditing] = useState(false);
  const [zone, setZone] = useState('');

  const save = async (timeZone: string | null) => {
    const r = await getApi().invoke('customers.setTimeZone', { conversationId, timeZone });
    if (!r.ok) return onError(r.error.message);
    setEditing(false);
  };

  let country = '';
  try {
    country = clock?.country ? (new Intl.DisplayNames([i18n.language], { type: 'region' }).of(clock.country) ?? clock.country) : '';
  } catch {
    country = clock?.country ?? '';
  }
  const hour = clock ? customerHour(now, clock) : 12;
  const night = hour < 7 || hour >= 22;
  return (
    <div className="customer-clock" data-testid="customer-clock">
      {clock ? (
        <>
          <span className={night ? 'night' : undefined} title={clock.timeZone ?? offsetLabel(clock.offsetMinutes)}>
            🕒 {t('customer.localTime', { time: customerTime(now, clock, i18n.language) })}
          </span>
          {country && <span className="hint"> · {country}</span>}
          <span className="hint"> · {t(`customer.clockFrom.${clock.source}`)}</span>
          {night && <span className="hint"> · {t('customer.night')}</span>}
        </>
      ) : (
        <span className="hint">🕒 {t('customer.localTimeUnknown')}</span>
      )}{' '}
      {!editing ? (
        <button type="button" className="link-button" onClick={() => (setZone(clock?.timeZone ?? ''), setEditing(true))}>
          {t('customer.setZone')}
        </button>
      ) : (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (zone.trim()) void save(zone.trim());
          }}
        >
          <input list="time-zones" aria-label={t('customer.zone')} placeholder="Europe/Berlin" value={zone} onChange={(e) => setZone(e.target.value)} autoFocus />
          <datalist id="time-zones">
            {zones().map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <button type="submit">{t('customer.saveZone')}</button>
          {clock?.source === 'agent' && (
            <button type="button" className="link-button" onClick={() => void save(null)}>
              {t('customer.guessZone')}
            </button>
          )}
        </form>
      )}
    </div>
  );
}
