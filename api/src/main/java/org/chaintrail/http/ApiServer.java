package org.chaintrail.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chaintrail.graph.GraphConnection;
import org.chaintrail.query.InvalidFieldException;
import org.chaintrail.query.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: every route is declared here, each handled by a short controller method. Around
 * them, for every request: the audit log ({@link RequestAudit}), access control
 * ({@link AccessControl}) and the limits ({@link ApiLimits}).
 */
public final class ApiServer {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private ApiServer() {
    }

    /**
     * Creates the server (not started) for a graph, with the default limits.
     *
     * @param graph the graph the API answers from
     * @param host  the interface to bind, 127.0.0.1 unless the operator says otherwise
     * @param port  the port, 0 for a free one
     * @throws IllegalArgumentException if no API key exists and the host is not a loopback address
     */
    public static Javalin create(GraphConnection graph, String host, int port) {
        return create(graph, host, port, ApiLimits.DEFAULT);
    }

    /**
     * Creates the server (not started) for a graph.
     *
     * @param graph  the graph the API answers from
     * @param host   the interface to bind, 127.0.0.1 unless the operator says otherwise
     * @param port   the port, 0 for a free one
     * @param limits body size, query sizes, rates and time budget
     * @throws IllegalArgumentException if no API key exists and the host is not a loopback address
     */
    public static Javalin create(GraphConnection graph, String host, int port, ApiLimits limits) {
        ApiKeys keys = new ApiKeys(graph.store().keys());
        if (!keys.anyExist() && !loopbackHost(host)) {
            throw new IllegalArgumentException("no API key exists yet, so the API would answer without one: it serves "
                    + "only on a loopback address until a key exists, was --host " + host + ". Create a key first: "
                    + "chaintrail keys create --role admin --name NAME");
        }
        AuditWriter writer = new AuditWriter(graph.store().audit());
        RequestAudit audit = new RequestAudit(writer, limits.maxBodyBytes());
        AccessControl access = new AccessControl(keys, new RateLimiter(), limits);
        return Javalin.create(config -> {
            config.jetty.host = host;
            config.jetty.port = port;
            config.http.maxRequestSize = limits.maxBodyBytes();
            config.startup.showJavalinBanner = false;
            config.events.serverStarting(writer::start);
            config.events.serverStopped(writer::close);
            config.routes.before(audit::arrive);
            config.routes.beforeMatched(audit::match);
            config.routes.beforeMatched(access::admit);
            for (Route r : routes(graph, limits)) {
                config.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.role());
            }
            config.routes.after(audit::answer);

            config.routes.exception(InvalidFieldException.class,
                    (e, ctx) -> problem(ctx, Problem.badRequest(e.field(), e.getMessage())));
            config.routes.exception(ProblemException.class, (e, ctx) -> problem(ctx, e.problem()));
            // Javalin's own refusals (a body over the limit) and Jetty's (a NUL in the path) as problems too.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> problem(ctx, e.getStatus() == 413
                    ? Problem.tooLarge("the request body exceeds " + limits.maxBodyBytes() + " bytes")
                    : ProblemErrorHandler.problem(ctx, e)));
            config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new ProblemErrorHandler()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (GraphConnection.unavailable(e)) {
                    // The database is down or restarting: the client may retry; one line, not a trace per request.
                    LOG.warn("{} {}: the graph is unavailable: {}", ctx.method(), ctx.path(), e.toString());
                    unavailable(ctx, Problem.graphUnavailable());
                    return;
                }
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

    /** Whether a host name or address is a loopback one, looking the name up if need be. */
    static boolean loopbackHost(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host " + host + " is not a known host name or address", e);
        }
    }

    /** {@link #routes(GraphConnection, ApiLimits)} with the default limits. */
    static List<Route> routes(GraphConnection graph) {
        return routes(graph, ApiLimits.DEFAULT);
    }

    /**
     * Every route of the API with the least role that may call it. The one list the server, access
     * control and the OpenAPI description are checked against.
     */
    static List<Route> routes(GraphConnection graph, ApiLimits limits) {
        var addresses = new AddressController(graph.store());
        var traces = new TraceController(graph.store(), limits.query());
        var exposure = new ExposureController(graph.store(), limits.query());
        var entities = new EntityController(graph.store());
        var watches = new WatchController(graph.store());
        var cases = new CaseController(graph.store(), limits.query());
        var audit = new AuditController(graph.store().audit());
        var ui = new WebUi();
        var search = new SearchController(graph.store());
        var counterparties = new CounterpartyController(graph.store());
        var attributions = new AttributionController(graph.store(), limits.query());
        return List.of(
                new Route(HandlerType.GET, "/", Role.ANYONE, ui::index),
                new Route(HandlerType.GET, "/api/v1/health", Role.SCREENING, ctx -> health(ctx, graph)),
                new Route(HandlerType.GET, "/api/v1/addresses/{chain}/{address}", Role.ANALYST, addresses::get),
                new Route(HandlerType.GET, "/api/v1/addresses/{chain}/{address}/exposure", Role.SCREENING,
                        exposure::get),
                new Route(HandlerType.POST, "/api/v1/screen", Role.SCREENING, exposure::screen),
                new Route(HandlerType.POST, "/api/v1/traces", Role.ANALYST, traces::post),
                new Route(HandlerType.GET, "/api/v1/entities/{id}", Role.ANALYST, entities::get),
                new Route(HandlerType.GET, "/api/v1/entities/{id}/evidence", Role.ANALYST, entities::evidence),
                new Route(HandlerType.POST, "/api/v1/cases", Role.ANALYST, cases::create),
                new Route(HandlerType.GET, "/api/v1/cases", Role.ANALYST, cases::list),
                new Route(HandlerType.GET, "/api/v1/cases/{id}", Role.ANALYST, cases::get),
                new Route(HandlerType.POST, "/api/v1/cases/{id}/addresses", Role.ANALYST, cases::addAddress),
                new Route(HandlerType.POST, "/api/v1/cases/{id}/notes", Role.ANALYST, cases::addNote),
                new Route(HandlerType.POST, "/api/v1/cases/{id}/members", Role.ANALYST, cases::addMember),
                new Route(HandlerType.POST, "/api/v1/cases/{id}/traces", Role.ANALYST, cases::saveTrace),
                new Route(HandlerType.GET, "/api/v1/cases/{id}/traces/{tid}", Role.ANALYST, cases::trace),
                new Route(HandlerType.GET, "/api/v1/cases/{id}/traces/{tid}/export", Role.ANALYST, cases::export),
                new Route(HandlerType.POST, "/api/v1/cases/{id}/traces/{tid}/rerun", Role.ANALYST, cases::rerun),
                new Route(HandlerType.GET, "/api/v1/cases/{id}/stix", Role.ANALYST, cases::stix),
                new Route(HandlerType.GET, "/api/v1/cases/{id}/report", Role.ANALYST, cases::report),
                new Route(HandlerType.POST, "/api/v1/cases/{id}/watchlist", Role.ANALYST, watches::add),
                new Route(HandlerType.GET, "/api/v1/cases/{id}/watchlist", Role.ANALYST, watches::list),
                new Route(HandlerType.DELETE, "/api/v1/cases/{id}/watchlist/{wid}", Role.ANALYST, watches::remove),
                new Route(HandlerType.GET, "/api/v1/cases/{id}/alerts", Role.ANALYST, watches::caseAlerts),
                new Route(HandlerType.GET, "/api/v1/alerts", Role.ANALYST, watches::alerts),
                new Route(HandlerType.PUT, "/api/v1/webhook", Role.ADMIN, watches::webhook),
                new Route(HandlerType.GET, "/api/v1/audit", Role.ADMIN, audit::list),
                new Route(HandlerType.GET, "/api/v1/openapi.json", Role.SCREENING, new OpenApiController()::get),
                new Route(HandlerType.GET, "/ui/{file}", Role.ANYONE, ui::file),
                new Route(HandlerType.GET, "/api/v1/search", Role.ANALYST, search::get),
                new Route(HandlerType.GET, "/api/v1/addresses/{chain}/{address}/counterparties", Role.ANALYST,
                        counterparties::counterparties),
                new Route(HandlerType.GET, "/api/v1/addresses/{chain}/{address}/transfers", Role.ANALYST,
                        counterparties::transfers),
                new Route(HandlerType.POST, "/api/v1/attributions", Role.ANALYST, attributions::post));
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

    /** A 503 problem with the Retry-After that tells a client when to try again. */
    static void unavailable(Context ctx, Problem p) {
        ctx.header("Retry-After", String.valueOf(Problem.RETRY_AFTER_SECONDS));
        problem(ctx, p);
    }

    static void problem(Context ctx, Problem p) {
        ctx.status(p.status()).contentType(Problem.CONTENT_TYPE)
                .result(Json.write(p).getBytes(StandardCharsets.UTF_8));
    }
}
