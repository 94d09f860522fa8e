// An account's business hours and out-of-hours auto-reply: which canned response goes out (each buyer gets their
// language's variant), how often, and where it runs — on the mail server (also while this app is closed) or
// from this app while it runs, with the reason. Also the satisfaction survey sent when a conversation is closed.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError, CannedResponse } from '../../../../shared/domain/types';
import type { AutoReplyState } from '../../../../shared/domain/auto-reply';
import { BusinessHoursSchema, type Opening } from '../../../../shared/domain/business-hours';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

/** Monday first, as shops write their hours; values are JavaScript weekdays (0 = Sunday). */
const WEEK = [1, 2, 3, 4, 5, 6, 0];

const openingsText = (openings: Opening[]) => openings.map((o) => `${o.from}–${o.to}`).join(', ');

/** "09:00-12:00, 13:00–18:00" → openings; empty → closed; null when it cannot be read. */
export function parseOpenings(text: string): Opening[] | null {
  const trimmed = text.trim();
  if (!trimmed) return [];
  const out: Opening[] = [];
  for (const part of trimmed.split(/[,;，、]/)) {
    const m = /^\s*(\d{1,2})[:.：](\d{2})\s*[-–—~～]\s*(\d{1,2})[:.：](\d{2})\s*$/.exec(part);
    if (!m) return null;
    const from = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    const to = `${m[3]!.padStart(2, '0')}:${m[4]}`;
    out.push({ from, to });
  }
  return out;
}

/** A canned response to send, with its folder and the languages it is written in. */
function CannedSelect({ name, canned, value, onChange }: { name: string; canned: CannedResponse[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <select name={name} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('autoReply.chooseResponse')}</option>
      {canned.map((c) => (
        <option key={c.id} value={c.id}>
          {c.folder ? `${c.folder} / ${c.name}` : c.name} ({Object.keys(c.variants).join(', ')})
        </option>
      ))}
    </select>
  );
}

export function AutoReplyDialog({ accounts, onClose }: { accounts: Account[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [state, setState] = useState<AutoReplyState | null>(null);
  const [canned, setCanned] = useState<CannedResponse[]>([]);
  const [days, setDays] = useState<string[]>(Array(7).fill(''));
  const [holidays, setHolidays] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [enabled, setEnabled] = useState(false);
  const [cannedId, setCannedId] = useState('');
  const [period, setPeriod] = useState('1');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const [csatEnabled, setCsatEnabled] = useState(false);
  const [target, setTarget] = useState('30');
  const [csatId, setCsatId] = useState('');
  const [csatLoaded, setCsatLoaded] = useState(false);

  const zones = useMemo(() => {
    try {
      return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      return [];
    }
  }, []);
  const dayName = useMemo(() => new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }), [i18n.language]);

  const show = (s: AutoReplyState) => {
    setState(s);
    setEnabled(s.enabled);
    setCannedId(s.cannedId ?? '');
    setPeriod(String(s.periodDays));
    setTimeZone(s.hours.timeZone);
    setDays(s.hours.days.map(openingsText));
    setHolidays(s.hours.holidays.join(', '));
  };

  useEffect(() => {
    void getApi()
      .invoke('canned.list', {})
      .then((r) => (r.ok ? setCanned(r.value) : setError(r.error)));
    void getApi()
      .invoke('settings.get', {})
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setCsatEnabled(r.value.csat.enabled);
        setTarget(String(r.value.firstResponseMinutes));
        setCsatId(r.value.csat.cannedId ?? '');
        setCsatLoaded(true);
      });
  }, []);
  useEffect(() => {
    if (!accountId) return;
    setSaved(false);
    // The fields appear once this account's settings are here, so nothing typed is overwritten by them.
    setState(null);
    void getApi()
      .invoke('autoReply.get', { accountId })
      .then((r) => (r.ok ? show(r.value) : setError(r.error)));
  }, [accountId]);

  const save = async () => {
    const parsed = days.map(parseOpenings);
    const bad = parsed.findIndex((d) => d === null);
    if (bad >= 0) return setError({ code: 'INVALID_INPUT', message: t('autoReply.badHours', { day: dayName.format(new Date(Date.UTC(2023, 0, 1 + bad))) }) });
    const hours = BusinessHoursSchema.safeParse({
      timeZone: timeZone.trim(),
      days: parsed,
      holidays: holidays.split(/[\s,;]+/).filter(Boolean),
    });
    if (!hours.success) return setError({ code: 'INVALID_INPUT', message: hours.error.issues[0]?.message ?? t('autoReply.badHours', { day: '' }) });
    const r = await getApi().invoke('autoReply.set', {
      accountId,
      enabled,
      cannedId: cannedId || null,
      periodDays: Math.min(30, Math.max(1, Math.round(Number(period) || 1))),
      hours: hours.data,
    });
    if (!r.ok) return setError(r.error);
    show(r.value);
    if (csatEnabled && !csatId) return setError({ code: 'INVALID_INPUT', message: t('autoReply.csatResponse') });
    const minutes = Math.round(Number(target));
    if (!Number.isFinite(minutes) || minutes < 1 || minutes > 10_080) return setError({ code: 'INVALID_INPUT', message: t('autoReply.badTarget') });
    const c = await getApi().invoke('settings.set', { csat: { enabled: csatEnabled, cannedId: csatId || null }, firstResponseMinutes: minutes });
    if (!c.ok) return setError(c.error);
    setError(null);
    setSaved(true);
  };

  const ready = state !== null && state.accountId === accountId && csatLoaded;
  const when = (at: number) => new Date(at).toLocaleString(i18n.language, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone: state?.hours.timeZone });

  return (
    <Dialog title={t('autoReply.title')} onClose={onClose}>
      <label>
        {t('autoReply.account')}
        <select name="auto-reply-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({a.address})
            </option>
          ))}
        </select>
      </label>
      {ready ? (
        <>
          {state && (
            <p className="hint" data-testid="auto-reply-open">
              {state.openNow ? t('autoReply.openNow') : state.nextOpening ? t('autoReply.closedUntil', { when: when(state.nextOpening) }) : t('autoReply.neverOpen')}
            </p>
          )}
          <fieldset className="business-hours">
            <legend>{t('autoReply.hours')}</legend>
            <label>
              {t('autoReply.timeZone')}
              <input name="time-zone" list="time-zones" value={timeZone} onChange={(e) => (setTimeZone(e.target.value), setSaved(false))} />
              <datalist id="time-zones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </label>
            {WEEK.map((wd) => (
              <label key={wd} className="hours-row">
                <span>{dayName.format(new Date(Date.UTC(2023, 0, 1 + wd)))}</span>
                <input
                  name={`hours-${wd}`}
                  placeholder={t('autoReply.closed')}
                  value={days[wd] ?? ''}
                  onChange={(e) => {
                    const next = [...days];
                    next[wd] = e.target.value;
                    setDays(next);
                    setSaved(false);
                  }}
                />
              </label>
            ))}
            <p className="hint">{t('autoReply.hoursHint')}</p>
            <label>
              {t('autoReply.holidays')}
              <input name="holidays" placeholder="2026-12-25, 2027-01-01" value={holidays} onChange={(e) => (setHolidays(e.target.value), setSaved(false))} />
            </label>
            <label>
              {t('autoReply.target')}
              <input name="first-response-target" inputMode="numeric" value={target} onChange={(e) => (setTarget(e.target.value), setSaved(false))} />
            </label>
            <p className="hint">{t('autoReply.targetHint')}</p>
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" name="auto-reply-enabled" checked={enabled} onChange={(e) => (setEnabled(e.target.checked), setSaved(false))} />
            {t('autoReply.enabled')}
          </label>
          <label>
            {t('autoReply.response')}
            <CannedSelect name="auto-reply-canned" canned={canned} value={cannedId} onChange={(v) => (setCannedId(v), setSaved(false))} />
          </label>
          <p className="hint">{t('autoReply.responseHint')}</p>
          <label>
            {t('autoReply.period')}
            <input name="auto-reply-period" inputMode="numeric" value={period} onChange={(e) => (setPeriod(e.target.value), setSaved(false))} />
          </label>
          <p className="hint">{t('autoReply.never')}</p>
          {state && (
            <div className={`auto-reply-where where-${state.runsOn}`} role="status" data-testid="auto-reply-where">
              <strong>{t(`autoReply.runsOn.${state.runsOn}`)}</strong>
              {state.detail && <small>{state.detail}</small>}
              {state.sentLast30Days > 0 && <small>{t('autoReply.sent', { count: state.sentLast30Days })}</small>}
            </div>
          )}
          <fieldset className="csat">
            <legend>{t('autoReply.csatTitle')}</legend>
            <label className="checkbox">
              <input type="checkbox" name="csat-enabled" checked={csatEnabled} onChange={(e) => (setCsatEnabled(e.target.checked), setSaved(false))} />
              {t('autoReply.csatEnabled')}
            </label>
            <label>
              {t('autoReply.csatResponse')}
              <CannedSelect name="csat-canned" canned={canned} value={csatId} onChange={(v) => (setCsatId(v), setSaved(false))} />
            </label>
            <p className="hint">{t('autoReply.csatHint')}</p>
          </fieldset>
        </>
      ) : (
        <p className="hint" role="status">
          {t('autoReply.loading')}
        </p>
      )}
      <FormError error={error} />
      <div className="dialog-actions">
        {saved && <span role="status">{t('autoReply.saved')}</span>}
        <button type="button" onClick={onClose}>
          {t('autoReply.close')}
        </button>
        <button type="button" className="primary" disabled={!ready} onClick={() => void save()}>
          {t('autoReply.save')}
        </button>
      </div>
    </Dialog>
  );
}
