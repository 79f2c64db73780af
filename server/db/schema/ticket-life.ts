import "server-only";

/** Merges, follow-ups and satisfaction ratings (migration 0018). */

export type TicketLinkKind = "merged_into" | "follow_up_of";
export type TicketRatingValue = "good" | "bad";

export interface TicketLinksTable {
  ticket_id: number;
  kind: TicketLinkKind;
  other_id: number;
  created_by: number | null;
  created_at: number;
}

export interface TicketRatingsTable {
  ticket_id: number;
  requester_id: number;
  /** When the customer was first asked: the rating may be given or changed for 7 days from it. */
  asked_at: number;
  rating: TicketRatingValue | null;
  comment: string | null;
  rated_at: number | null;
}

export interface TicketLifeTables {
  ticket_links: TicketLinksTable;
  ticket_ratings: TicketRatingsTable;
}
