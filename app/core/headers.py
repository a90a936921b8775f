"""The security headers every response carries, the app's and the server's own refusals alike."""

# The API serves only JSON and CSV: nothing may run, load or frame it.
STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
