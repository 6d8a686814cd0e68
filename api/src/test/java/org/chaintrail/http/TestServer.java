package org.chaintrail.http;

import io.javalin.Javalin;
import java.net.http.HttpResponse;
import org.chaintrail.graph.GraphConnection;

/** The real API server on a free loopback port over a graph, keyless, with a client for its routes. */
final class TestServer implements AutoCloseable {
    private final Javalin app;
    private final ApiClient client;

    TestServer(GraphConnection graph) {
        this.app = ApiServer.create(graph, "127.0.0.1", 0).start();
        this.client = new ApiClient(app, null);
    }

    /** The server's base URL, ending in a slash. */
    String url() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    HttpResponse<String> get(String path) {
        return client.get(path);
    }

    /** A POST with a JSON body. */
    HttpResponse<String> post(String path, String body) {
        return client.post(path, body);
    }

    @Override
    public void close() {
        app.stop();
    }
}
