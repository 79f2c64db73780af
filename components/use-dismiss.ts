"use client";
import { useEffect, type RefObject } from "react";

/**
 * Closes an open popup (a menu, the notification list) on a click outside `box` or on Escape; Escape gives the
 * focus back to the first button in `box` (the one that opened it).
 */
export function useDismiss(open: boolean, close: () => void, box: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) close();
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      close();
      box.current?.querySelector("button")?.focus();
    };
    document.addEventListener("mousedown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("mousedown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open, close, box]);
}
