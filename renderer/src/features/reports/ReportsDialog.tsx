// The reports screen: a date range and filters, the key figures, and charts of volume, response, satisfaction
// and what customers write about. Every chart can be read as a table and saved as CSV.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { stringify } from 'csv-stringify/browser/esm/sync';
import type { Account, ApiError } from '../../../../shared/domain/types';
import type { Count, Report } from '../../../../shared/domain/report';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';

const day = (t: number) => new Date(t - new Date(t).getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** Saves rows as a CSV file (a byte-order mark so spreadsheet programs read it as UTF-8). */
function downloadCsv(name: string, header: string[], rows: Array<Array<string | number>>) {
  const blob = new Blob([`\ufeff${stringify([header, ...rows])}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${name}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One chart of counts, with its table and CSV beside it. */
function CountChart({ id, title, data, label }: { id: string; title: string; data: Count[]; label?: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const rows = data.map((d) => ({ name: label ? label(d.key) : d.key, count: d.count }));
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <section className="report-card" aria-label={title} data-testid={`report-${id}`}>
      <header>
        <h3>{title}</h3>
        <button type="button" className="link-button" onClick={() => setAsTable(!asTable)}>
          {asTable ? t('reports.showChart') : t('reports.showTable')}
        </button>
        <button type="button" className="link-button" onClick={() => downloadCsv(id, [t('reports.item'), t('reports.count')], rows.map((r) => [r.name, r.count]))}>
          {t('reports.csv')}
        </button>
      </header>
      {rows.length === 0 ? (
        <p className="hint">{t('reports.none')}</p>
      ) : asTable ? (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('reports.item')}</th>
              <th>{t('reports.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{number.format(r.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div className="report-chart">
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="name" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
              <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
              <Tooltip formatter={(v) => number.format(Number(v))} />
              <Bar dataKey="count" name={t('reports.count')} fill="#3d7bd9" isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

export function ReportsDialog({ accounts, onClose }: { accounts: Account[]; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const now = Date.now();
  const [from, setFrom] = useState(day(now - 29 * 86_400_000));
  const [to, setTo] = useState(day(now));
  const [accountId, setAccountId] = useState('');
  const [language, setLanguage] = useState('');
  const [agent, setAgent] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let current = true;
    setLoading(true);
    void getApi()
      .invoke('reports.get', { from, to, ...(accountId ? { accountId } : {}), ...(language ? { language } : {}), ...(agent ? { agent } : {}) })
      .then((r) => {
        if (!current) return;
        setLoading(false);
        if (r.ok) {
          setReport(r.value);
          setError(null);
        } else setError(r.error);
      });
    return () => {
      current = false;
    };
  }, [from, to, accountId, language, agent]);

  const languageName = useMemo(() => {
    try {
      const names = new Intl.DisplayNames([i18n.language], { type: 'language' });
      return (code: string) => (code === 'unknown' ? t('reports.unknown') : (names.of(code) ?? code));
    } catch {
      return (code: string) => code;
    }
  }, [i18n.language, t]);
  const pct = (x: number | null) => (x === null ? '–' : new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 }).format(x));
  const num = (x: number | null) => (x === null ? '–' : new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(x));

  return (
    <Dialog title={t('reports.title')} onClose={onClose} wide>
      <div className="report-filters">
        <label>
          {t('reports.from')}
          <input type="date" name="report-from" value={from} max={to} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label>
          {t('reports.to')}
          <input type="date" name="report-to" value={to} min={from} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
        <label>
          {t('reports.account')}
          <select name="report-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
            <option value="">{t('reports.allAccounts')}</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('reports.language')}
          <select name="report-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="">{t('reports.allLanguages')}</option>
            {(report?.volume.byLanguage ?? []).filter((l) => l.key !== 'unknown').map((l) => (
              <option key={l.key} value={l.key}>
                {languageName(l.key)}
              </option>
            ))}
            {language && !report?.volume.byLanguage.some((l) => l.key === language) && <option value={language}>{languageName(language)}</option>}
          </select>
        </label>
        <label>
          {t('reports.agent')}
          <select name="report-agent" value={agent} onChange={(e) => setAgent(e.target.value)}>
            <option value="">{t('reports.allAgents')}</option>
            {(report?.agents ?? []).map((a) => (
              <option key={a.key} value={a.key}>
                {a.key}
              </option>
            ))}
            {agent && !report?.agents.some((a) => a.key === agent) && <option value={agent}>{agent}</option>}
          </select>
        </label>
        {loading && <span className="hint" role="status">{t('reports.loading')}</span>}
      </div>
      <FormError error={error} />
      {report && (
        <>
          <div className="report-kpis" data-testid="report-kpis">
            <div>
              <strong>{num(report.volume.messages)}</strong>
              <span>{t('reports.messages')}</span>
            </div>
            <div>
              <strong>{report.firstResponse.medianMinutes === null ? '–' : t('reports.minutes', { n: num(report.firstResponse.medianMinutes) })}</strong>
              <span>{t('reports.firstResponse')}</span>
            </div>
            <div>
              <strong>{pct(report.firstResponse.withinTarget)}</strong>
              <span>{t('reports.withinTarget', { minutes: report.query.targetMinutes })}</span>
            </div>
            <div>
              <strong>{pct(report.firstContactResolution.share)}</strong>
              <span>{t('reports.fcr')}</span>
            </div>
            <div>
              <strong>{report.resolution.medianHours === null ? '–' : t('reports.hours', { n: num(report.resolution.medianHours) })}</strong>
              <span>{t('reports.resolution')}</span>
            </div>
            <div>
              <strong>{report.csat.average === null ? '–' : `${num(report.csat.average)} / 5`}</strong>
              <span>{t('reports.csat', { count: report.csat.answers })}</span>
            </div>
            <div>
              <strong>{num(report.automatic.autoReplies)}</strong>
              <span>{t('reports.autoReplies')}</span>
            </div>
          </div>
          <p className="hint">{t('reports.businessHoursNote', { zone: report.query.timeZone })}</p>
          <div className="report-grid">
            <CountChart id="volume-by-day" title={t('reports.byDay')} data={report.volume.byDay} />
            <CountChart id="volume-by-hour" title={t('reports.byHour')} data={report.volume.byHour.map((count, h) => ({ key: String(h).padStart(2, '0'), count }))} />
            <CountChart id="volume-by-channel" title={t('reports.byChannel')} data={report.volume.byChannel} label={(k) => t(`channels.${k}`, { defaultValue: k })} />
            <CountChart id="volume-by-marketplace" title={t('reports.byMarketplace')} data={report.volume.byMarketplace} />
            <CountChart id="volume-by-language" title={t('reports.byLanguage')} data={report.volume.byLanguage} label={languageName} />
            <CountChart id="volume-by-urgency" title={t('reports.byUrgency')} data={report.volume.byUrgency} label={(k) => t(`urgency.${k}`, { defaultValue: k })} />
            <CountChart id="csat" title={t('reports.csatDistribution')} data={report.csat.distribution.map((count, i) => ({ key: `${i + 1}`, count }))} />
            <CountChart id="topics" title={t('reports.topics')} data={report.content.topics} label={(k) => t(`reports.topic.${k}`, { defaultValue: k })} />
            <CountChart
              id="sentiment"
              title={t('reports.sentiment')}
              data={(['positive', 'neutral', 'negative'] as const).map((k) => ({ key: k, count: report.content.sentiment[k] }))}
              label={(k) => t(`reports.sentimentKind.${k}`)}
            />
          </div>
          <h3>{t('reports.words')}</h3>
          <p className="hint">{t('reports.contentNote', { count: report.content.analysed })}</p>
          <div className="report-grid">
            {report.content.words.map((w) => (
              <CountChart key={w.language} id={`words-${w.language}`} title={`${languageName(w.language)} (${w.messages})`} data={w.words.slice(0, 12)} />
            ))}
          </div>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('reports.close')}
        </button>
      </div>
    </Dialog>
  );
}
