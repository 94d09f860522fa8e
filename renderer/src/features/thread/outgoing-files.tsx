// Files the agent picks from disk for an e-mail (a reply, a new e-mail): read for the core, listed as chips to
// remove before sending. And the addresses typed into a Cc or Bcc field.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fileSize } from '../../components/format';

export interface OutgoingFile {
  fileName: string;
  contentType: string;
  dataBase64: string;
  size: number;
}

/** A file's bytes as base64 (in slices: a 25 MB file in one call would overflow the argument list). */
export async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** "a@x.com, b@y.org; c@z.net" → the addresses. */
export const addressList = (text: string) => text.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean);

/** What the core takes: the files without their sizes. */
export const forSending = (files: OutgoingFile[]) => files.map(({ fileName, contentType, dataBase64 }) => ({ fileName, contentType, dataBase64 }));

/** Files as the core took them, listed again (an undone reply): their sizes from their base64. */
export const fromSent = (files: Array<Omit<OutgoingFile, 'size'>>): OutgoingFile[] =>
  files.map((f) => ({ ...f, size: Math.floor((f.dataBase64.length * 3) / 4) - (f.dataBase64.endsWith('==') ? 2 : f.dataBase64.endsWith('=') ? 1 : 0) }));

/** "📎 Attach files" and the chips of the files picked. */
export function AttachFiles({ files, onChange }: { files: OutgoingFile[]; onChange: (files: OutgoingFile[]) => void }) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef(files);
  latest.current = files;
  return (
    <>
      <button type="button" className="link-button" onClick={() => input.current?.click()}>
        📎 {t('reply.attach')}
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t('reply.attach')}
        onChange={(e) => {
          const picked = [...(e.target.files ?? [])];
          e.target.value = '';
          void Promise.all(picked.map(async (f) => ({ fileName: f.name, contentType: f.type, size: f.size, dataBase64: await base64Of(f) }))).then((read) =>
            onChange([...latest.current, ...read]),
          );
        }}
      />
      {files.map((f, i) => (
        <span key={`${f.fileName}-${i}`} className="file-chip" data-testid="reply-file">
          {f.fileName} ({fileSize(f.size, i18n.language)})
          <button type="button" className="link-button" aria-label={t('reply.removeFile', { name: f.fileName })} onClick={() => onChange(files.filter((_, k) => k !== i))}>
            ×
          </button>
        </span>
      ))}
    </>
  );
}
