package org.chaintrail.ingest.evm;

/** Where internal (contract) transfers come from: the node's tracer, if it has one. */
public enum TraceSource {
    /** Ask the node: geth's call tracer first, then {@code trace_block}, else none. */
    AUTO,
    /** {@code debug_traceBlockByNumber} with {@code {"tracer": "callTracer"}} (geth, reth, anvil). */
    DEBUG,
    /** {@code trace_block} (Erigon, Nethermind, OpenEthereum). */
    PARITY,
    /** No internal transfers: only transactions' own value and token events. */
    OFF
}
