package org.chaintrail.ingest.rpc;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** A node request that failed, with how to treat it. */
public final class RpcException extends IOException {
    private final RpcFailure failure;
    private final Optional<Duration> retryAfter;

    public RpcException(RpcFailure failure, String message) {
        this(failure, message, Optional.empty());
    }

    /** @param retryAfter how long the node asked to be left alone ({@code Retry-After}), if it did */
    public RpcException(RpcFailure failure, String message, Optional<Duration> retryAfter) {
        super(message);
        this.failure = failure;
        this.retryAfter = retryAfter;
    }

    public RpcFailure failure() {
        return failure;
    }

    /** How long the node asked to be left alone, if it did. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
