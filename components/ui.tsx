import type { ReactNode } from "react";
import Link from "next/link";
import { PagerNav } from "./pager-nav";

export const buttonClass =
  "inline-flex items-center justify-center gap-2 rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-blue-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:cursor-not-allowed disabled:opacity-60";
export const secondaryButtonClass =
  "inline-flex items-center justify-center gap-2 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-60";
/** For the one button that destroys something, after a confirmation. */
export const dangerButtonClass =
  "inline-flex items-center justify-center gap-2 rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-red-700 disabled:cursor-not-allowed disabled:opacity-60";
export const inputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-500 focus:border-blue-700 focus:outline-none focus:ring-2 focus:ring-blue-700/30 aria-[invalid=true]:border-red-700";

export function PageHeader({ title, lead, actions }: { title: string; lead?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">{title}</h1>
        {lead && <p className="mt-1 max-w-2xl text-slate-700">{lead}</p>}
      </div>
      {actions}
    </div>
  );
}

export function Card({ children, className = "" }: { children: ReactNode; className?: string }) {
  return <section className={`rounded-lg border border-slate-200 bg-white p-5 shadow-sm ${className}`}>{children}</section>;
}

const STATUS_STYLE: Record<string, string> = {
  new: "bg-amber-100 text-amber-900",
  open: "bg-red-100 text-red-900",
  pending: "bg-blue-100 text-blue-900",
  on_hold: "bg-slate-200 text-slate-900",
  solved: "bg-green-100 text-green-900",
  closed: "bg-slate-100 text-slate-700",
  urgent: "bg-red-700 text-white",
  high: "bg-orange-100 text-orange-900",
  normal: "bg-slate-100 text-slate-800",
  low: "bg-slate-50 text-slate-700 border border-slate-200",
};

export function Badge({ kind, children }: { kind: string; children: ReactNode }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[kind] ?? "bg-slate-100 text-slate-800"}`}
    >
      {children}
    </span>
  );
}

export function Pager({ firstHref, nextHref, labels }: { firstHref?: string; nextHref?: string; labels: { first: string; next: string } }) {
  if (!firstHref && !nextHref) return null;
  return (
    <PagerNav>
      {firstHref && (
        <Link className={secondaryButtonClass} href={firstHref}>
          ← {labels.first}
        </Link>
      )}
      {nextHref && (
        <Link className={secondaryButtonClass} href={nextHref}>
          {labels.next} →
        </Link>
      )}
    </PagerNav>
  );
}

export function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {head.map((h) => (
              <th key={h} scope="col" className="px-4 py-2 text-left font-semibold text-slate-700">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-700">{children}</p>;
}
