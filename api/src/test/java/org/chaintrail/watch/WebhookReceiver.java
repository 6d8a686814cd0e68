package org.chaintrail.watch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A real HTTP receiver on 127.0.0.1 (the JDK's HttpServer) that answers with scripted statuses and
 * keeps every request it got.
 */
final class WebhookReceiver implements AutoCloseable {
    /**
     * @param signature the X-Chaintrail-Signature header
     * @param alertId   the X-Chaintrail-Alert header
     * @param body      the body, as received
     * @param status    what the receiver answered
     */
    record Request(String signature, String alertId, String contentType, String body, int status) {
    }

    private final HttpServer server;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private int otherwise = 200;

    WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status;
            synchronized (this) {
                status = script.isEmpty() ? otherwise : script.poll();
                requests.add(new Request(exchange.getRequestHeaders().getFirst("X-Chaintrail-Signature"),
                        exchange.getRequestHeaders().getFirst("X-Chaintrail-Alert"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** Answers these statuses first, one per request, then {@code then} to every request. */
    synchronized void answer(List<Integer> first, int then) {
        script.clear();
        script.addAll(first);
        otherwise = then;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void forget() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
