package org.chaintrail.ingest.rpc;

import java.io.IOException;

/** A node request that failed, with how to treat it. */
public final class RpcException extends IOException {
    private final RpcFailure failure;

    public RpcException(RpcFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public RpcFailure failure() {
        return failure;
    }
}
