package org.chaintrail.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import org.chaintrail.model.ApiKey;

/**
 * Admits a request to its route, before the route's handler runs: the caller's key
 * ({@code Authorization: Bearer KEY}) must be active, its role at least the route's, and its rate
 * not exceeded. Else 401 (with {@code WWW-Authenticate: Bearer}), 403 or 429 (with
 * {@code Retry-After}). The one exception is the demo: while the graph holds no key at all, a
 * request from a loopback address runs without one, as {@link Caller#LOCAL}, and without a rate
 * limit (it has no key to limit; it is someone at this machine). A route whose role is
 * {@link Role#ANYONE} (the web UI's shell, no data) is admitted without looking at any key.
 */
final class AccessControl {
    /** Who the request named, admitted or not: what the audit log records. */
    static final String IDENTIFIED = "chaintrail.identified";

    private final ApiKeys keys;
    private final RateLimiter limiter;
    private final ApiLimits limits;

    AccessControl(ApiKeys keys, RateLimiter limiter, ApiLimits limits) {
        this.keys = keys;
        this.limiter = limiter;
        this.limits = limits;
    }

    /** A caller and the rate it may call at; {@link Caller#LOCAL} is not limited. */
    private record Identity(Caller caller, int rate) {
    }

    /** The handler run before every matched route. */
    void admit(Context ctx) {
        Role needed = needed(ctx.routeRoles());
        if (needed == Role.ANYONE) {
            return;
        }
        Identity who = identify(ctx);
        ctx.attribute(IDENTIFIED, who.caller());
        if (!who.caller().role().permits(needed)) {
            throw new ProblemException(Problem.forbidden("key '" + who.caller().name() + "' has role "
                    + who.caller().role().id() + "; " + ctx.method() + " " + ctx.path() + " needs "
                    + needed.id()));
        }
        if (who.caller() != Caller.LOCAL) {
            limiter.take(who.caller().name(), who.rate()).ifPresent(seconds -> {
                ctx.header("Retry-After", String.valueOf(seconds));
                throw new ProblemException(Problem.rateLimited("key '" + who.caller().name() + "' may make "
                        + who.rate() + " request(s) per second; retry in " + seconds + " s"));
            });
        }
        ctx.attribute(Caller.ATTRIBUTE, who.caller());
    }

    /** The least role among the route's; a route that declares none (HEAD on a GET route) needs admin. */
    private static Role needed(Set<RouteRole> roles) {
        return roles.stream().filter(Role.class::isInstance).map(Role.class::cast).min(Role::compareTo)
                .orElse(Role.ADMIN);
    }

    private Identity identify(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            if (!keys.anyExist() && loopback(ctx.req().getRemoteAddr())) {
                return new Identity(Caller.LOCAL, 0);
            }
            throw unauthorized(ctx, "realm=\"chaintrail\"", "this route needs an API key: send the header "
                    + "'Authorization: Bearer KEY'");
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            throw unauthorized(ctx, "realm=\"chaintrail\", error=\"invalid_request\"",
                    "the Authorization header must be 'Bearer KEY'");
        }
        ApiKey key = keys.active(parts[1].trim()).orElseThrow(() -> unauthorized(ctx,
                "realm=\"chaintrail\", error=\"invalid_token\"", "the API key is unknown or revoked"));
        Role role = Role.of(key.role());
        return new Identity(new Caller(key.name(), role), key.rateLimit().orElse(limits.rate(role)));
    }

    private static ProblemException unauthorized(Context ctx, String challenge, String detail) {
        ctx.header("WWW-Authenticate", "Bearer " + challenge);
        return new ProblemException(Problem.unauthorized(detail));
    }

    /** Whether an address is loopback; the address is the peer's IP literal, so nothing is looked up. */
    static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
