// "Sending… Undo": a reply just sent waits a few seconds (the undo-send setting) before it may leave; Undo takes
// it back and puts it in the reply box again: its text, and for e-mail its copies and files (a new e-mail opens
// again in its own dialog, as it was written). After that it goes out through the outbox as usual.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getApi } from '../../api/client';
import { restoreDraft, type ReplyExtras } from './draft-store';
import type { OutgoingFile } from './outgoing-files';

/** A new e-mail as the agent wrote it in the New e-mail dialog (copies as typed). */
export interface NewMailDraft {
  accountId: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  text: string;
  files: OutgoingFile[];
}

export interface PendingSend {
  outboxId: string;
  conversationId: string;
  /** What the agent wrote (their own words, for a translated reply). */
  text: string;
  /** Reply all, copies and files. */
  extras?: ReplyExtras;
  /** A new e-mail (its conversation goes when it is taken back): what the dialog held. */
  newMail?: NewMailDraft;
  until: number;
}

export function UndoSend({
  pending,
  onDone,
  onNotice,
  onNewMailBack,
}: {
  pending: PendingSend;
  onDone: () => void;
  onNotice: (message: string) => void;
  onNewMailBack: (draft: NewMailDraft) => void;
}) {
  const { t } = useTranslation();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (now >= pending.until) onDone();
  }, [now, pending.until, onDone]);
  const undo = async () => {
    const r = await getApi().invoke('outbox.discard', { id: pending.outboxId });
    onDone();
    // Gone already (sent, or being sent right now): too late to take back.
    if (!r.ok || !r.value.discarded) return onNotice(t('undoSend.tooLate'));
    if (pending.newMail) {
      onNewMailBack(pending.newMail);
      return onNotice(t('undoSend.newMailUndone'));
    }
    await restoreDraft(pending.conversationId, pending.text, pending.extras);
    onNotice(t('undoSend.undone'));
  };
  const seconds = Math.max(0, Math.ceil((pending.until - now) / 1000));
  return (
    <div className="toast undo-send" role="status" data-testid="undo-send">
      <strong>{t('undoSend.sending', { seconds })}</strong>
      <button type="button" onClick={() => void undo()}>
        {t('undoSend.undo')}
      </button>
    </div>
  );
}
