package org.chaintrail.http;

import io.javalin.security.RouteRole;
import java.util.Locale;

/**
 * What an API key may do. Each role may do what the roles below it may: an admin also traces, an
 * analyst also screens. A screening key (an exchange's) reaches only exposure and screening.
 * {@link #ANYONE} is a route's role, never a key's: no key is needed at all.
 */
public enum Role implements RouteRole {
    /** No key: the web UI's static shell, which holds no data (what it shows comes from keyed routes). */
    ANYONE,
    /** Exposure and screening only: what an exchange needs to check deposits. */
    SCREENING,
    /** Traces, entities, cases and exports: the investigator's and the FIU analyst's work. */
    ANALYST,
    /** Keys, ingest, labels and the audit log, and everything an analyst may do. */
    ADMIN;

    /** Whether a key of this role may call a route that needs {@code required}. */
    public boolean permits(Role required) {
        return compareTo(required) >= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A key's role by its id.
     *
     * @throws IllegalArgumentException naming the roles a key may have
     */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r != ANYONE && r.id().equals(id == null ? "" : id.trim().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("no role '" + id + "'; roles are admin, analyst and screening");
    }
}
