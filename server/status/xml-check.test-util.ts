/**
 * A tiny well-formedness check for the XML we generate: one root, every tag closed in order, no raw `<`
 * or bare `&` in text or attributes. Enough to catch escaping mistakes without an XML library.
 */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body))) {
    const [, closing, name, attrs, selfClosing, text, stray] = m;
    if (stray) throw new Error(`raw "<" at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    const checkAmp = (s: string) => {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(s)) throw new Error(`bare "&" in ${s.slice(0, 60)}`);
    };
    if (text !== undefined) {
      if (stack.length === 0 && text.trim()) throw new Error("text outside the root");
      checkAmp(text);
      continue;
    }
    checkAmp(attrs ?? "");
    if (closing) {
      if (stack.pop() !== name) throw new Error(`</${name}> closes the wrong tag`);
    } else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name);
    } else if (stack.length === 0) roots++;
  }
  if (stack.length) throw new Error(`unclosed: ${stack.join(" > ")}`);
  if (roots !== 1) throw new Error(`expected one root element, found ${roots}`);
}
