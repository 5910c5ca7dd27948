/** The API reference: Swagger UI served from this app's own static assets, so it works offline. */
export function DocsPage() {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Atoll API reference</title>
        <link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css" />
        <link rel="stylesheet" href="/static/docs.css" />
      </head>
      <body>
        <div id="swagger-ui" data-spec-url="/api/openapi.json"></div>
        <script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
        <script src="/static/docs.js"></script>
      </body>
    </html>
  );
}

/** Swagger UI sets inline styles and data: images; this page alone relaxes the CSP for them. */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
