import Link from "next/link";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";
import type { SearchHit, Highlighted } from "@/server/inbox/search-tickets";
import { Badge } from "./ui";

function Marked({ parts }: { parts: Highlighted }) {
  return (
    <>
      {parts.map((p, i) =>
        p.hit ? (
          <mark key={i} className="rounded bg-yellow-200 px-0.5 text-slate-900">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
}

/** Staff search results: subject and the matching passage, the matched words marked. */
export function InboxSearchResults({ items, t, locale }: { items: SearchHit[]; t: Translator; locale: Locale }) {
  return (
    <ol className="space-y-3" data-testid="search-results">
      {items.map((hit) => (
        <li key={hit.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="search-hit">
          <div className="flex flex-wrap items-center gap-2">
            <span className="text-sm text-slate-600">#{hit.id}</span>
            <Link href={`/inbox/${hit.id}`} className="font-medium text-blue-800 hover:underline">
              <Marked parts={hit.subject} />
            </Link>
            <Badge kind={hit.status}>{t(`status.${hit.status}`)}</Badge>
            <Badge kind={hit.priority}>{t(`priority.${hit.priority}`)}</Badge>
          </div>
          <p className="mt-2 text-sm text-slate-800">
            <span className="mr-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{t(`inbox.search.in.${hit.source}`)}</span>
            <Marked parts={hit.snippet} />
          </p>
          <p className="mt-1 text-xs text-slate-600">
            {hit.requesterName} · {formatDateTime(locale, hit.updatedAt)}
          </p>
        </li>
      ))}
    </ol>
  );
}
