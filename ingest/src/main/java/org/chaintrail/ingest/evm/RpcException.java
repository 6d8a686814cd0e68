package org.chaintrail.ingest.evm;

import java.io.IOException;

/** A node request that failed, with how to treat it. */
final class RpcException extends IOException {
    private final RpcFailure failure;

    RpcException(RpcFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    RpcFailure failure() {
        return failure;
    }
}
