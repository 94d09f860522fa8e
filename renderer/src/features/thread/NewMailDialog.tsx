// A new e-mail to a customer (a follow-up, a shipping notice, a first contact): from one of the e-mail accounts,
// with copies and files, the account's signature under it; it starts a conversation of its own, which the
// customer's answer joins. Held for the undo window like a reply; taken back, it opens here again as written.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, ApiError } from '../../../../shared/domain/types';
import { getApi } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { useSignature } from './signature-store';
import { AttachFiles, addressList, forSending, type OutgoingFile } from './outgoing-files';
import type { NewMailDraft, PendingSend } from './UndoSend';


export function NewMailDialog({
  accounts,
  draft,
  onClose,
  onSent,
}: {
  accounts: Account[];
  /** An e-mail taken back with Undo: the dialog opens with it. */
  draft?: NewMailDraft;
  onClose: () => void;
  onSent: (conversationId: string, pending: PendingSend | null) => void;
}) {
  const { t } = useTranslation();
  const mailAccounts = accounts.filter((a) => a.channel === 'email' || a.channel === 'demo');
  const [accountId, setAccountId] = useState(draft?.accountId ?? mailAccounts[0]?.id ?? '');
  const [to, setTo] = useState(draft?.to ?? '');
  const [copies, setCopies] = useState({ cc: draft?.cc ?? '', bcc: draft?.bcc ?? '' });
  const [subject, setSubject] = useState(draft?.subject ?? '');
  const [text, setText] = useState(draft?.text ?? '');
  const [files, setFiles] = useState<OutgoingFile[]>(draft?.files ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const signature = useSignature(accountId);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await getApi().invoke('messages.compose', {
      accountId,
      to: to.trim(),
      subject,
      text,
      undoable: true,
      ...(addressList(copies.cc).length ? { cc: addressList(copies.cc) } : {}),
      ...(addressList(copies.bcc).length ? { bcc: addressList(copies.bcc) } : {}),
      ...(files.length ? { attachments: forSending(files) } : {}),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    const newMail: NewMailDraft = { accountId, to, cc: copies.cc, bcc: copies.bcc, subject, text, files };
    onSent(r.value.conversationId, r.value.undoUntil === null ? null : { outboxId: r.value.outboxId, conversationId: r.value.conversationId, text, newMail, until: r.value.undoUntil });
  };

  return (
    <Dialog title={t('newMail.title')} onClose={onClose} wide>
      {mailAccounts.length === 0 ? (
        <p className="hint">{t('newMail.noAccount')}</p>
      ) : (
        <form onSubmit={(e) => void send(e)}>
          <label>
            {t('newMail.from')}
            <select name="new-mail-account" value={accountId} onChange={(e) => setAccountId(e.target.value)}>
              {mailAccounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} &lt;{a.address}&gt;
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('newMail.to')}
            <input name="new-mail-to" type="email" required value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <label>
            {t('reply.cc')}
            <input name="new-mail-cc" value={copies.cc} onChange={(e) => setCopies({ ...copies, cc: e.target.value })} />
          </label>
          <label>
            {t('reply.bcc')}
            <input name="new-mail-bcc" value={copies.bcc} onChange={(e) => setCopies({ ...copies, bcc: e.target.value })} />
          </label>
          <label>
            {t('newMail.subject')}
            <input name="new-mail-subject" required value={subject} onChange={(e) => setSubject(e.target.value)} dir="auto" />
          </label>
          <label>
            {t('newMail.text')}
            <textarea name="new-mail-text" rows={8} required value={text} onChange={(e) => setText(e.target.value)} dir="auto" />
          </label>
          {signature && <pre className="signature-preview">{`-- \n${signature}`}</pre>}
          <div className="copies">
            <AttachFiles files={files} onChange={setFiles} />
          </div>
          <FormError error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('newMail.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('reply.sending') : t('newMail.send')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
