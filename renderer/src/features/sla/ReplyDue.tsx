// A waiting conversation's reply timer: the time left before the first-response target runs out (in the
// account's business hours), amber within a quarter of an hour, red once late. The exact due time on hover.
import { useTranslation } from 'react-i18next';
import { useMinuteClock } from '../../components/clock';
import { fullTime } from '../../components/format';
import { dueState, durationText } from './reply-due';

export function ReplyDue({ dueAt }: { dueAt: number }) {
  const { t, i18n } = useTranslation();
  const now = useMinuteClock();
  const state = dueState(dueAt, now);
  const time = durationText(dueAt - now, i18n.language);
  const text = state === 'late' ? t('sla.late', { time }) : t('sla.dueIn', { time });
  return (
    <span className={`reply-due ${state}`} data-testid="reply-due" data-state={state} title={t('sla.dueAt', { time: fullTime(dueAt, i18n.language) })}>
      {text}
    </span>
  );
}
