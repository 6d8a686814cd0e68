package org.chaintrail.ingest.rpc;

/**
 * How a failed node request should be treated: worth retrying (the node or the network hiccupped),
 * worth a few retries only (a garbled answer, which a healthy node rarely repeats), or not at all
 * (the request itself is wrong, so asking again gives the same answer).
 */
public enum RpcFailure {
    /** Timeouts, resets, HTTP 429 and 5xx, a node's own transient errors: back off and retry. */
    TRANSIENT,
    /** A response that does not parse: retried a few times, never into a loop. */
    MALFORMED,
    /** Method not found, invalid parameters, HTTP 4xx other than 429: fail at once. */
    FATAL;

    /** JSON-RPC error codes that say the request is wrong, not the moment. */
    public static RpcFailure ofErrorCode(int code) {
        return switch (code) {
            case -32600, -32601, -32602 -> FATAL;
            default -> TRANSIENT;
        };
    }

    public static RpcFailure ofHttpStatus(int status) {
        return status == 429 || status >= 500 ? TRANSIENT : FATAL;
    }
}
