"use client";

/** The active incident, shown on the help center and the new-ticket form. */
export function IncidentBanner() {
  return null;
}
