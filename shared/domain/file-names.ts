// Attachment names come from strangers. A name can hide its real type behind bidirectional-text controls
// ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf"), so names are shown with such characters made visible.

/** Bidi embedding/override/isolate marks and other invisible controls that change how a name reads. */
export const HIDDEN_CONTROLS = /[\u0000-\u001f\u007f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** The name as it should be shown: every hidden control written out as <U+XXXX>. */
export function visibleFileName(name: string): string {
  return name.replace(HIDDEN_CONTROLS, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

