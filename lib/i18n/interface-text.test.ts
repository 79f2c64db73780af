import { execFileSync } from "node:child_process";
import fs from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { en } from "./en";
import { ru } from "./ru";

/**
 * Every word a person reads goes through the translation layer. These checks read the source of every page
 * and component: text written straight into JSX (it would show in English in the Russian interface), a key
 * that is not in the dictionary (it would show as the key itself), and English left in the Russian strings.
 */

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "app", "components"], { encoding: "utf8" })
  .split("\n")
  .filter((f) => f.endsWith(".tsx") && fs.existsSync(f));

// Attributes a person reads or hears.
const READ_ATTRIBUTES = new Set(["aria-label", "aria-description", "placeholder", "title", "alt", "label"]);
// Text that is the same in every language: an address scheme, an identifier shown in a monospace cell.
const LANGUAGE_FREE = [/^https?:\/\/$/, /^ticket:$/];

function sourceOf(file: string) {
  return ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  ts.forEachChild(node, (c) => walk(c, visit));
}

const where = (src: ts.SourceFile, n: ts.Node) => `${src.fileName}:${src.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
const isWords = (s: string) => /[A-Za-z]{2,}/.test(s) && !LANGUAGE_FREE.some((re) => re.test(s.trim()));

describe("interface text", () => {
  it("reads the pages and components", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("has no text written straight into JSX", () => {
    const found: string[] = [];
    for (const file of files) {
      const src = sourceOf(file);
      walk(src, (n) => {
        if (ts.isJsxText(n) && isWords(n.getText())) found.push(`${where(src, n)} ${JSON.stringify(n.getText().trim())}`);
        if (ts.isJsxExpression(n) && n.expression && ts.isStringLiteral(n.expression) && isWords(n.expression.text)) {
          found.push(`${where(src, n)} ${JSON.stringify(n.expression.text)}`);
        }
        if (ts.isJsxAttribute(n) && READ_ATTRIBUTES.has(n.name.getText()) && n.initializer && ts.isStringLiteral(n.initializer)) {
          if (isWords(n.initializer.text)) found.push(`${where(src, n)} ${n.name.getText()}=${JSON.stringify(n.initializer.text)}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it("asks the dictionary only for keys it has", () => {
    const keys = Object.keys(en);
    const missing: string[] = [];
    for (const file of [
      ...files,
      ...execFileSync("git", ["ls-files", "lib/nav.ts", "lib/kb", "lib/status"], { encoding: "utf8" }).split("\n"),
    ]) {
      if (!/\.tsx?$/.test(file) || !fs.existsSync(file) || file.endsWith(".test.ts")) continue;
      const src = sourceOf(file);
      walk(src, (n) => {
        if (!ts.isCallExpression(n)) return;
        const callee = n.expression.getText();
        const arg =
          callee === "t" || callee === "titled" || callee === "msg" ? n.arguments[0] : callee === "translate" ? n.arguments[1] : undefined;
        if (!arg) return;
        if (ts.isStringLiteral(arg) && !(arg.text in en)) missing.push(`${where(src, n)} ${arg.text}`);
        // `t(\`role.${r}\`)`: some key must start with the fixed part.
        if (ts.isTemplateExpression(arg) && !keys.some((k) => k.startsWith(arg.head.text)))
          missing.push(`${where(src, n)} ${arg.head.text}…`);
      });
    }
    expect(missing).toEqual([]);
  });

  it("leaves no English words in the Russian strings", () => {
    // Names that are the same in Russian: protocols, formats, and what the user types into a program.
    const technical = new Set(
      "HTTP HTTPS URL JSON SMTP SMTP_URL TLS TCP GET POST RFC SHA PDF SVG PNG JPEG Markdown Atom RSS cron slug challenge Mayak Google Microsoft Authenticator Aegis Password Touch Windows Hello YubiKey XML Feedly Inoreader NetNewsWire Thunderbird SLA CSV UTC API MTTR CSAT TOTP QR ID IP staging production".split(
        " ",
      ),
    );
    // A language's own name stays in that language; the audit filter's example is what is typed into it; one
    // string of another part is waiting for its owner.
    const exempt = new Set(["locale.en", "admin.audit.action"]);
    const english: string[] = [];
    for (const [key, text] of Object.entries(ru)) {
      if (exempt.has(key)) continue;
      // Placeholders, addresses and examples in quotes are not prose.
      const prose = text
        .replace(/\{\w+\}/g, " ")
        .replace(/\b[\w.-]+@[\w.-]+\b|https?:\/\/\S+|[\w-]+(\.[\w-]+)+(:\d+)?/g, " ")
        .replace(/https?:\/\//g, " ")
        .replace(/\dxx\b/g, " ")
        .replace(/[A-Za-z]+(-[A-Za-z]+)+/g, " ")
        .replace(/"[^"]*"|«[A-Za-z0-9]+»/g, " ");
      for (const word of prose.match(/[A-Za-z][A-Za-z_]+/g) ?? []) {
        if (!technical.has(word)) english.push(`${key}: ${word}`);
      }
    }
    expect(english).toEqual([]);
  });
});
