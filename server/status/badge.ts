import "server-only";
import type { ComponentStatus } from "../db/schema";
import { xmlEscape } from "./feeds";

const WORDS: Record<ComponentStatus, string> = {
  operational: "operational",
  degraded: "degraded",
  partial_outage: "partial outage",
  major_outage: "major outage",
  maintenance: "maintenance",
};

// Dark enough for white text at 11px (contrast at least 4.5:1).
const COLORS: Record<ComponentStatus, string> = {
  operational: "#15803d",
  degraded: "#a16207",
  partial_outage: "#c2410c",
  major_outage: "#b91c1c",
  maintenance: "#1d4ed8",
};

/** Approximate width of Verdana 11px text: good enough for a badge, no font metrics needed. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[A-ZА-ЯЁMWmw]/.test(ch) ? 8.5 : /[il.:,' ]/.test(ch) ? 3.6 : 6.6;
  return Math.ceil(w);
}

/** A shields-style two-part badge: "<label> | <status>", with a title for screen readers. */
export function renderBadge(label: string, status: ComponentStatus): string {
  const value = WORDS[status];
  const lw = textWidth(label) + 12;
  const vw = textWidth(value) + 12;
  const w = lw + vw;
  const e = xmlEscape;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="20" role="img" aria-label="${e(label)}: ${e(value)}">
  <title>${e(label)}: ${e(value)}</title>
  <linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>
  <clipPath id="r"><rect width="${w}" height="20" rx="3" fill="#fff"/></clipPath>
  <g clip-path="url(#r)">
    <rect width="${lw}" height="20" fill="#444"/>
    <rect x="${lw}" width="${vw}" height="20" fill="${COLORS[status]}"/>
    <rect width="${w}" height="20" fill="url(#s)"/>
  </g>
  <g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">
    <text x="${lw / 2}" y="14">${e(label)}</text>
    <text x="${lw + vw / 2}" y="14">${e(value)}</text>
  </g>
</svg>
`;
}
