import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

// Headers that do not depend on the request; the CSP, with its per-request nonce, and HSTS are set in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Nothing goes to other sites. Not "no-referrer": under it a browser sends a form posted before
  // the page's script has loaded (a slow connection, a quick click) with `Origin: null`, which the
  // server actions' origin check refuses with a 500.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The generated Prisma client, the pg driver and pdfkit (which reads its own data files) run on the server only, unbundled.
  serverExternalPackages: ["@prisma/adapter-pg", "pg", "@node-rs/argon2", "pdfkit"],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // Case data must never sit in a browser or proxy cache; only fingerprinted build assets may.
      { source: "/((?!_next/static|_next/image).*)", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
