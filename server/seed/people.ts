import "server-only";
import type { CustomerKey, PersonKey, SeedPerson, StaffKey } from "./types";

const EXTRA_PASSWORD = "mayak-demo-pass";

const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const EDGE_WIN =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
const YANDEX_WIN =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 YaBrowser/24.12.0.0 Safari/537.36";

export const STAFF: Record<StaffKey, SeedPerson> = {
  alexei: {
    email: "admin@mayak.local",
    name: "Alexei Morozov",
    role: "admin",
    locale: "en",
    password: "mayak-admin-demo",
    ip: "198.51.100.10",
    userAgent: FIREFOX_LINUX,
    joinedDaysAgo: 90,
  },
  irina: {
    email: "lead@mayak.local",
    name: "Irina Volkova",
    role: "lead",
    locale: "en",
    password: "mayak-lead-demo",
    ip: "198.51.100.11",
    userAgent: CHROME_MAC,
    joinedDaysAgo: 89,
  },
  sam: {
    email: "agent@mayak.local",
    name: "Sam Carter",
    role: "agent",
    locale: "en",
    password: "mayak-agent-demo",
    ip: "198.51.100.12",
    userAgent: CHROME_WIN,
    joinedDaysAgo: 75,
  },
  pavel: {
    email: "pavel@mayak.local",
    name: "Pavel Smirnov",
    role: "agent",
    locale: "ru",
    password: EXTRA_PASSWORD,
    ip: "198.51.100.13",
    userAgent: FIREFOX_LINUX,
    joinedDaysAgo: 58,
  },
};

export const CUSTOMERS: Record<CustomerKey, SeedPerson> = {
  dana: {
    email: "customer@mayak.local",
    name: "Dana Whitfield",
    role: "customer",
    locale: "en",
    password: "mayak-customer-demo",
    ip: "203.0.113.21",
    userAgent: SAFARI_MAC,
    joinedDaysAgo: 44,
  },
  tom: {
    email: "tom.becker@example.com",
    name: "Tom Becker",
    role: "customer",
    locale: "en",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.34",
    userAgent: CHROME_MAC,
    joinedDaysAgo: 40,
  },
  priya: {
    email: "priya.nair@example.net",
    name: "Priya Nair",
    role: "customer",
    locale: "en",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.47",
    userAgent: SAFARI_IPHONE,
    joinedDaysAgo: 37,
  },
  marcus: {
    email: "marcus.lee@example.org",
    name: "Marcus Lee",
    role: "customer",
    locale: "en",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.52",
    userAgent: EDGE_WIN,
    joinedDaysAgo: 33,
  },
  olga: {
    email: "olga.kuznetsova@example.com",
    name: "Ольга Кузнецова",
    role: "customer",
    locale: "ru",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.65",
    userAgent: YANDEX_WIN,
    joinedDaysAgo: 42,
  },
  dmitry: {
    email: "dmitry.orlov@example.org",
    name: "Дмитрий Орлов",
    role: "customer",
    locale: "ru",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.78",
    userAgent: FIREFOX_LINUX,
    joinedDaysAgo: 35,
  },
  natalia: {
    email: "natalia.lebedeva@example.net",
    name: "Наталья Лебедева",
    role: "customer",
    locale: "ru",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.83",
    userAgent: CHROME_WIN,
    joinedDaysAgo: 30,
  },
  artyom: {
    email: "artyom.grigoriev@example.com",
    name: "Артём Григорьев",
    role: "customer",
    locale: "ru",
    password: EXTRA_PASSWORD,
    ip: "203.0.113.96",
    userAgent: CHROME_MAC,
    joinedDaysAgo: 26,
  },
};

export const PEOPLE: Record<PersonKey, SeedPerson> = { ...STAFF, ...CUSTOMERS };

/** The accounts the README and the end-to-end tests sign in with: one per role. */
export const DEMO_ACCOUNTS: readonly { role: string; email: string; password: string }[] = (
  [STAFF.alexei, STAFF.irina, STAFF.sam, CUSTOMERS.dana] as const
).map((p) => ({ role: p.role, email: p.email, password: p.password }));
