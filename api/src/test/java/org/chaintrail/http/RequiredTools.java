package org.chaintrail.http;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a tool outside the JVM (a browser, Python) skip without it on a developer's machine,
 * but fail where an environment variable says the tool must be there, so CI cannot skip them silently.
 */
final class RequiredTools {
    private RequiredTools() {
    }

    /** Skips the test, or fails it when {@code requireVariable} is set to 1. */
    static void missing(String reason, String requireVariable) {
        if ("1".equals(System.getenv(requireVariable))) {
            fail(reason + ", and " + requireVariable + "=1 says it must run");
        }
        Assumptions.abort(reason + " (set " + requireVariable + "=1 to make this a failure)");
    }
}
