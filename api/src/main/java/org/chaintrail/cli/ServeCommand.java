package org.chaintrail.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.http.ApiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the HTTP API until Ctrl-C.",
        footer = {"", "Example:", "  ./chaintrail serve --port 8080 --store data/graph"})
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Interface to bind (default: ${DEFAULT-VALUE}; the API has no access control yet).")
    String host;

    @Mixin
    GraphOptions graph;

    @Override
    public Integer call() throws InterruptedException {
        serve(graph.open(), host, port);
        return 0;
    }

    /** Serves until the JVM is asked to stop, then closes the server and the graph cleanly. */
    static void serve(GraphConnection connection, String host, int port) throws InterruptedException {
        var app = ApiServer.create(connection, host, port).start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            connection.close();
            stopped.countDown();
        }, "chaintrail-stop"));
        System.out.println("Serving the API on http://" + host + ":" + app.port() + "/ (" + connection.description()
                + "); Ctrl-C to stop");
        stopped.await();
    }
}
