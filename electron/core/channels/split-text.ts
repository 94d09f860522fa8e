// Splitting a reply for channels that cap one message's length (Telegram 4096, eBay 2000 characters).

/** Splits text into pieces of at most `max` characters, at a paragraph, line or word break where there is one. */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while ([...rest].length > max) {
    const chars = [...rest];
    const head = chars.slice(0, max).join('');
    const cut = Math.max(head.lastIndexOf('\n\n'), head.lastIndexOf('\n'), head.lastIndexOf(' '));
    const at = cut > max / 2 ? cut : head.length;
    parts.push(head.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.trim()) parts.push(rest);
  return parts;
}
