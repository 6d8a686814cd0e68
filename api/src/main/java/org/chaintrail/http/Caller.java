package org.chaintrail.http;

import io.javalin.http.Context;
import org.chaintrail.query.Requester;

/**
 * Who is calling: the API key's name and role. Access control puts one on every request it lets
 * through; case visibility and the audit log read it from there.
 *
 * @param name the key's name, as given at {@code keys create}
 * @param role what the key may do
 */
public record Caller(String name, Role role) {
    static final String ATTRIBUTE = "chaintrail.caller";
    /** The demo's caller: only while no key exists, and only from loopback. */
    public static final Caller LOCAL = new Caller("local", Role.ADMIN);

    /** The caller as case visibility sees it: a name, and whether it is an admin, who sees every case. */
    public Requester requester() {
        return new Requester(name, role.permits(Role.ADMIN));
    }

    /**
     * The caller access control admitted.
     *
     * @throws IllegalStateException if it admitted none: the handler runs outside access control, a bug
     */
    static Caller of(Context ctx) {
        Caller c = ctx.attribute(ATTRIBUTE);
        if (c == null) {
            throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path()
                    + ": the route runs without access control");
        }
        return c;
    }
}
