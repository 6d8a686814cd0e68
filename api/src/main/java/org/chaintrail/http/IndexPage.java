package org.chaintrail.http;

/** The landing page at {@code /}: what the server offers, until the web UI arrives. */
final class IndexPage {
    private IndexPage() {
    }

    static final String HTML = """
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Chaintrail</title>
            <style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;line-height:1.5}
            code,pre{background:#f3f3f3;padding:.1rem .3rem}</style></head>
            <body>
            <h1>Chaintrail</h1>
            <p>Open-source tracing of scam-centre proceeds. This server answers the JSON API below.</p>
            <ul>
              <li><a href="/api/v1/health"><code>GET /api/v1/health</code></a>: the graph and its last block per chain</li>
              <li><code>GET /api/v1/addresses/{chain}/{address}</code>: labels, entity, totals per asset</li>
              <li><code>POST /api/v1/traces</code> with
                <code>{"chain":"ethereum","seeds":["0x…"],"asset":"USDT","direction":"forward","model":"haircut","maxHops":10}</code></li>
            </ul>
            <pre>curl -s -X POST http://127.0.0.1:8080/api/v1/traces -H 'Content-Type: application/json' \\
              -d '{"chain":"ethereum","seeds":["0x…"],"asset":"USDT"}'</pre>
            </body></html>
            """;
}
