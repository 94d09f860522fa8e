// An HTML message shown as its sender formatted it, safely: DOMPurify removes scripts, event handlers, forms
// and anything active; the result is shown in a sandboxed frame that can run nothing, whose own policy blocks
// every remote request (tracking pixels, remote fonts, CSS beacons) until the agent chooses to load images.
// Links open in the system browser.
import { useEffect, useMemo, useRef, useState } from 'react';
import DOMPurify from 'dompurify';
import { useTranslation } from 'react-i18next';

/** Sanitized HTML, and whether it asks for anything remote (images, styles) that is being held back. */
export function sanitizeMail(html: string): { html: string; hasRemote: boolean } {
  let hasRemote = false;
  const purify = DOMPurify();
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A') {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    for (const attr of ['src', 'background', 'poster']) {
      const v = node.getAttribute(attr);
      if (v && /^(https?:)?\/\//i.test(v)) hasRemote = true;
    }
    const style = node.getAttribute('style');
    if (style && /url\(\s*['"]?(https?:)?\/\//i.test(style)) hasRemote = true;
  });
  const clean = purify.sanitize(html, {
    WHOLE_DOCUMENT: false,
    FORBID_TAGS: ['form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['srcset', 'ping', 'formaction'],
    ALLOW_DATA_ATTR: false,
  });
  return { html: clean, hasRemote };
}

function frameDocument(body: string, allowRemote: boolean): string {
  const img = allowRemote ? 'data: https: http:' : 'data:';
  const csp = `default-src 'none'; img-src ${img}; style-src 'unsafe-inline'${allowRemote ? ' https: http:' : ''}; font-src data:${allowRemote ? ' https: http:' : ''}`;
  return (
    `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<style>body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#1d1d1f;word-wrap:break-word;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}</style>` +
    `</head><body>${body}</body></html>`
  );
}

export function HtmlBody({ html }: { html: string }) {
  const { t } = useTranslation();
  const [allowRemote, setAllowRemote] = useState(false);
  const clean = useMemo(() => sanitizeMail(html), [html]);
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(80);
  useEffect(() => setAllowRemote(false), [html]);

  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (doc?.documentElement) setHeight(Math.min(20_000, doc.documentElement.scrollHeight + 4));
  };

  return (
    <div className="html-body">
      {clean.hasRemote && !allowRemote && (
        <div className="remote-notice" role="note">
          {t('thread.remoteBlocked')}{' '}
          <button type="button" className="link-button" onClick={() => setAllowRemote(true)}>
            {t('thread.loadRemote')}
          </button>
        </div>
      )}
      <iframe
        ref={frame}
        title={t('thread.htmlFrame')}
        // No allow-scripts: nothing in the mail can run. Same origin only so the frame's height can be read.
        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
        srcDoc={frameDocument(clean.html, allowRemote)}
        style={{ height }}
        onLoad={fit}
      />
    </div>
  );
}
