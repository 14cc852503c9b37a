// Next serves pages and the thin HTTP routes; the custom server (src/server/main.ts) owns
// the process, socket.io and the database. Security headers are set by the custom server.
/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // NEXT_DIST_DIR: another build folder, so that a build for one test run never replaces the
  // files under a server another run is using (the server reads the same variable).
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Server-only packages are never bundled into Next's output.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "yjs"],
};

export default nextConfig;
