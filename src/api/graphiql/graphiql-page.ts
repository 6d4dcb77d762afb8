/** Where GraphiQL's own page, script and stylesheet and the packages' builds are served. */
export const GRAPHIQL_PATH = '/graphiql';
export const GRAPHIQL_ASSETS = `${GRAPHIQL_PATH}/assets/`;

/**
 * The page has no inline script or style, so the Content Security Policy stays on: everything it loads is a file
 * served from this server.
 */
export const graphiqlPage = (scripts: readonly string[], stylesheets: readonly string[]): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL: SEND Ledger (development)</title>
${stylesheets.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
${scripts.map((src) => `<script src="${src}"></script>`).join('\n')}
</body>
</html>
`;

export const GRAPHIQL_STYLE = `html, body, #graphiql { height: 100%; margin: 0; }
`;

const DEFAULT_QUERY = `# SEND Ledger's GraphQL API, in development.
#
# Every query but __typename needs a signed-in person. Mint a development token:
#   npm run -s token -- --role la_officer --org 202 --name "Sam Okafor"
# and add it under Headers below:
#   { "Authorization": "Bearer <the token>" }

query Ping {
  __typename
}
`;

/** Boots GraphiQL against this server's /graphql, with the globals the UMD builds define. */
export const GRAPHIQL_BOOT = `/* global React, ReactDOM, GraphiQL */
'use strict';
(function () {
  var fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', window.location.href).href });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: ${JSON.stringify(DEFAULT_QUERY)}, isHeadersEditorEnabled: true, shouldPersistHeaders: false }));
})();
`;
