import type { NextConfig } from "next";
import { securityHeaders } from "./lib/security-headers.mjs";

/**
 * A one-off build (CI, on a clean clone): the tree has been type-checked by its own step just before, and no later
 * build reuses Turbopack's build cache, so the build skips both (about a minute and a half of CPU on two cores).
 */
const oneOffBuild = process.env.MAYAK_ONE_OFF_BUILD === "1";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: oneOffBuild },
  experimental: { turbopackFileSystemCacheForBuild: !oneOffBuild },
  // Next hashes the whole body of every cached page to make an ETag, on every request (about 0.5 ms for
  // the status page): the cached pages are rendered once and served many times, so that hash is most of
  // the serving cost after the bytes. A reverse proxy in front can add ETags and compression.
  generateEtags: false,
  // A second build directory lets a build run beside a server that is using the first.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Feed files have an extension, so the proxy leaves them alone: give the English ones their route here.
  async rewrites() {
    return [
      { source: "/status/feed.rss", destination: "/en/status/feed.rss" },
      { source: "/status/feed.atom", destination: "/en/status/feed.atom" },
    ];
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
