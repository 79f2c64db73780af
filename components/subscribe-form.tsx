"use client";

/** Subscribing to status updates (email or webhook, per component). */
export function SubscribeForm(_props: { components: { id: number; name: string }[] }) {
  return null;
}
