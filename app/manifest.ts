import type { MetadataRoute } from "next";
import { translate } from "@/lib/i18n";

/** Lets a phone add the help center to its home screen with Mayak's icon and name. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: translate("en", "meta.siteName"),
    short_name: translate("en", "app.name"),
    description: translate("en", "meta.description"),
    start_url: "/",
    display: "browser",
    background_color: "#ffffff",
    theme_color: "#0f172a",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
