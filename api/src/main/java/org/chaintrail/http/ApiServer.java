package org.chaintrail.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API: every route is declared here, each handled by a short controller method. */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Trace requests are small; anything bigger is a mistake or an attack. */
    private static final long MAX_BODY_BYTES = 1_000_000;

    private ApiServer() {
    }

    /**
     * Creates the server (not started) for a graph.
     *
     * @param graph the graph the API answers from
     * @param host  the interface to bind, 127.0.0.1 unless the operator says otherwise
     * @param port  the port, 0 for a free one
     */
    public static Javalin create(GraphConnection graph, String host, int port) {
        return Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.startup.showJavalinBanner = false;
            for (Route r : routes(graph)) {
                config.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.role());
            }

            config.routes.exception(InvalidFieldException.class,
                    (e, ctx) -> problem(ctx, Problem.badRequest(e.field(), e.getMessage())));
            config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e.problem()));
            // Javalin's own refusals (a body over the limit) and Jetty's (a NUL in the path) as problems too.
            config.routes.exception(HttpResponseException.class,
                    (e, ctx) -> problem(ctx, ProblemErrorHandler.problem(ctx, e)));
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                problem(ctx, Problem.internal());
            });
            config.routes.error(404, ctx -> {
                if (!Problem.CONTENT_TYPE.equals(ctx.res().getContentType())) {
                    problem(ctx, Problem.notFound("no route " + ctx.method() + " " + ctx.path()));
                }
            });
        });
    }

    /**
     * Every route of the API with the least role that may call it. The one list the server, access
     * control and the OpenAPI description are checked against.
     */
    static List<Route> routes(GraphConnection graph) {
        var addresses = new AddressController(graph.store());
        var traces = new TraceController(graph.store());
        var exposure = new ExposureController(graph.store());
        var entities = new EntityController(graph.store());
        return List.of(
                new Route(HandlerType.GET, "/", Role.SCREENING,
                        ctx -> ctx.contentType("text/html; charset=utf-8").result(IndexPage.HTML)),
                new Route(HandlerType.GET, "/api/v1/health", Role.SCREENING, ctx -> health(ctx, graph)),
                new Route(HandlerType.GET, "/api/v1/addresses/{chain}/{address}", Role.ANALYST, addresses::get),
                new Route(HandlerType.GET, "/api/v1/addresses/{chain}/{address}/exposure", Role.SCREENING,
                        exposure::get),
                new Route(HandlerType.POST, "/api/v1/screen", Role.SCREENING, exposure::screen),
                new Route(HandlerType.POST, "/api/v1/traces", Role.ANALYST, traces::post),
                new Route(HandlerType.GET, "/api/v1/entities/{id}", Role.ANALYST, entities::get),
                new Route(HandlerType.GET, "/api/v1/entities/{id}/evidence", Role.ANALYST, entities::evidence),
                new Route(HandlerType.GET, "/api/v1/openapi.json", Role.SCREENING, new OpenApiController()::get));
    }

    private static void health(Context ctx, GraphConnection graph) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("graph", graph.description());
        body.put("lastBlocks", graph.store().lastBlocks());
        json(ctx, 200, body);
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(Context ctx, Problem p) {
        ctx.status(p.status()).contentType(Problem.CONTENT_TYPE)
                .result(Json.write(p).getBytes(StandardCharsets.UTF_8));
    }
}
