"use client";

/** Open monitor alerts for staff, with one-click acknowledge. */
export function StaffAlerts() {
  return null;
}
