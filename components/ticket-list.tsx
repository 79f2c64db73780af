import Link from "next/link";
import type { TicketListItem } from "@/server/tickets/find-tickets";
import { formatDateTime, type Locale, type Translator } from "@/lib/i18n";
import { Badge, Table } from "./ui";

/** The ticket table, shared by "My tickets" and the inbox. */
export function TicketList({
  items,
  hrefBase,
  showPeople,
  t,
  locale,
  caption,
}: {
  items: TicketListItem[];
  hrefBase: string;
  showPeople: boolean;
  t: Translator;
  locale: Locale;
  caption: string;
}) {
  const head = [
    "#",
    t("tickets.col.subject"),
    t("tickets.col.status"),
    t("tickets.col.priority"),
    ...(showPeople ? [t("tickets.col.requester"), t("tickets.col.assignee")] : []),
    t("tickets.col.updated"),
  ];
  return (
    <Table caption={caption} head={head}>
      {items.map((tk) => (
        <tr key={tk.id} className="hover:bg-slate-50" data-testid="ticket-row">
          <td className="px-4 py-2 text-slate-600">{tk.id}</td>
          <td className="max-w-md px-4 py-2">
            <Link href={`${hrefBase}/${tk.id}`} className="font-medium text-blue-800 hover:underline">
              {tk.subject}
            </Link>
          </td>
          <td className="px-4 py-2">
            <Badge kind={tk.status}>{t(`status.${tk.status}`)}</Badge>
          </td>
          <td className="px-4 py-2">
            <Badge kind={tk.priority}>{t(`priority.${tk.priority}`)}</Badge>
          </td>
          {showPeople && <td className="px-4 py-2 text-slate-800">{tk.requesterName}</td>}
          {showPeople && (
            <td className="px-4 py-2 text-slate-800">
              {tk.assigneeName ?? <span className="text-slate-600">{t("common.unassigned")}</span>}
            </td>
          )}
          <td className="whitespace-nowrap px-4 py-2 text-slate-700">{formatDateTime(locale, tk.updatedAt)}</td>
        </tr>
      ))}
    </Table>
  );
}
