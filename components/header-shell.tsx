"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useDismiss } from "./use-dismiss";
import type { NavItem } from "@/lib/nav";

export const navLinkClass =
  "whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium xl:px-2.5 text-slate-700 hover:bg-slate-100 hover:text-slate-900";

/**
 * The header's layout. From 640 px up: one line with everything. On a phone: the name, a search button and a
 * menu button, so the header stays small; the search field and the menu open below it.
 */
export function HeaderShell({
  brand,
  items,
  search,
  tools,
  labels,
}: {
  brand: ReactNode;
  items: NavItem[];
  search: ReactNode;
  tools: ReactNode;
  labels: { nav: string; menu: string; search: string };
}) {
  const [open, setOpen] = useState<"menu" | "search" | null>(null);
  const pathname = usePathname();
  const searchBox = useRef<HTMLDivElement>(null);
  // A new page closes what was open on the previous one.
  useEffect(() => setOpen(null), [pathname]);
  useEffect(() => {
    if (open === "search") searchBox.current?.querySelector("input")?.focus();
  }, [open]);
  const toggle = (what: "menu" | "search") => setOpen((o) => (o === what ? null : what));
  const shown = (what: "menu" | "search") => (open === what ? "flex" : "hidden");
  return (
    <div
      className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2 sm:flex-nowrap sm:py-3"
      data-testid="header-bar"
    >
      {brand}
      <div className="ml-auto flex items-center gap-1 sm:hidden">
        <button
          type="button"
          aria-expanded={open === "search"}
          aria-controls="header-search"
          onClick={() => toggle("search")}
          className="rounded-md p-2 text-slate-800 hover:bg-slate-100"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
            <circle cx="8.5" cy="8.5" r="5.5" />
            <path d="M13 13l4.5 4.5" strokeLinecap="round" />
          </svg>
          <span className="sr-only">{labels.search}</span>
        </button>
        <button
          type="button"
          aria-expanded={open === "menu"}
          aria-controls="header-menu"
          onClick={() => toggle("menu")}
          className="flex items-center gap-1 rounded-md px-2 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
        >
          <svg aria-hidden="true" viewBox="0 0 20 20" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2">
            <path d={open === "menu" ? "M5 5l10 10M15 5L5 15" : "M3 5h14M3 10h14M3 15h14"} strokeLinecap="round" />
          </svg>
          {labels.menu}
        </button>
      </div>
      <nav
        id="header-menu"
        aria-label={labels.nav}
        className={`${shown("menu")} order-last w-full flex-col gap-1 border-t border-slate-200 pt-2 sm:order-none sm:flex sm:w-auto sm:flex-1 sm:flex-row sm:items-center sm:border-0 sm:pt-0`}
      >
        {items.map((item) =>
          "href" in item ? <NavEntry key={item.href} href={item.href} label={item.label} /> : <NavMenu key={item.label} item={item} />,
        )}
      </nav>
      <div
        id="header-search"
        ref={searchBox}
        className={`${shown("search")} w-full sm:flex sm:w-40 sm:shrink-0 xl:w-48 sm:[&>[role=search]]:w-full`}
      >
        {search}
      </div>
      {/* Once in the page: after the menu's links on a phone, at the end of the line from 640 px up. */}
      <div
        className={`${shown("menu")} order-last w-full min-w-0 flex-wrap items-center gap-2 pb-1 sm:order-none [&_button]:whitespace-nowrap sm:ml-auto sm:flex sm:w-auto sm:flex-nowrap sm:pb-0`}
      >
        {tools}
      </div>
    </div>
  );
}

function NavEntry({ href, label }: { href: string; label: string }) {
  const pathname = usePathname();
  const current = pathname === href || pathname === `/ru${href}`;
  return (
    <Link href={href} className={navLinkClass} aria-current={current ? "page" : undefined}>
      {label}
    </Link>
  );
}

/**
 * A group of links: a button with a list under it from 640 px up (closed by Escape, a click outside, or
 * choosing a link); on a phone, inside the open menu, the links are simply listed under the group's name.
 */
function NavMenu({ item }: { item: Extract<NavItem, { sections: unknown }> }) {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  useEffect(() => setOpen(false), [pathname]);
  useDismiss(open, close, box);
  return (
    <div ref={box} className="sm:relative">
      <span className="block px-2.5 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-600 sm:hidden">{item.label}</span>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className={`${navLinkClass} hidden items-center gap-1 sm:inline-flex`}
      >
        {item.label}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M5.5 7.5L10 12l4.5-4.5z" />
        </svg>
      </button>
      <div
        id={id}
        className={`${open ? "sm:block" : "sm:hidden"} flex flex-col sm:absolute sm:left-0 sm:z-30 sm:mt-1 sm:w-64 sm:rounded-md sm:border sm:border-slate-200 sm:bg-white sm:p-1 sm:shadow-lg`}
      >
        {item.sections.map((s, i) => (
          <div key={i} className={i > 0 ? "sm:mt-1 sm:border-t sm:border-slate-100 sm:pt-1" : ""}>
            {s.title && <p className="px-2.5 pt-1 text-xs font-semibold uppercase tracking-wide text-slate-600">{s.title}</p>}
            <ul className="flex flex-col">
              {s.links.map((l) => (
                <li key={l.href}>
                  <NavEntry href={l.href} label={l.label} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}
