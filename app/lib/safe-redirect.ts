// Where to send someone after signing in. Only paths on this site: never another
// host ("//evil.example", "/\\evil.example", "https://…"), never back to sign-in or out.
// The check is made on what will be sent in Location, after the URL parser has
// normalised the path: "/.//evil.example" and "/..//evil.example" become "//evil.example",
// which a browser reads as another host.
const DEFAULT = "/staff";

export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.includes("\\")) return fallback;
  // Control characters and whitespace could smuggle a different target past a later parser.
  if (/[\u0000-\u0020\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, "http://localhost");
  } catch {
    return fallback;
  }
  if (url.host !== "localhost") return fallback;
  if (url.pathname === "/login" || url.pathname === "/logout") return fallback;
  const target = url.pathname + url.search + url.hash;
  if (target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}

/** The page a request came from, as a path to return to (without Remix's internal query parameters). */
export function returnPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  url.searchParams.delete("index");
  const search = url.searchParams.toString();
  return url.pathname + (search ? `?${search}` : "");
}
