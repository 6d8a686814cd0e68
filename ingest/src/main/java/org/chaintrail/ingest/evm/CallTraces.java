package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.chaintrail.ingest.IngestException;

/**
 * Internal (contract) transfers of native value from a node's call traces, in either of the two
 * formats nodes offer: geth's {@code debug_traceBlockByNumber} with the {@code callTracer} (a tree
 * of calls per transaction) and OpenEthereum/Erigon's {@code trace_block} (a flat list with trace
 * addresses).
 *
 * <p>A call moves value only if it and every call above it succeeded (a revert undoes its whole
 * subtree). The top-level call is the transaction's own value, stored from the transaction, so it
 * is skipped here. {@code DELEGATECALL} and {@code STATICCALL} move nothing (a delegate call
 * reports its caller's value, which stays put), and {@code CALLCODE} pays the caller itself.
 */
final class CallTraces {
    /** One internal movement: 20-byte hex addresses as the node gives them. */
    record InternalTransfer(String txHash, String from, String to, BigInteger value) {
    }

    private CallTraces() {
    }

    /**
     * From {@code debug_traceBlockByNumber(n, {tracer: "callTracer"})}: one entry per transaction
     * in block order, each {@code {txHash, result: {type, from, to, value, error, calls}}} (older
     * geth gives the bare call frames), matched to the block's transaction hashes by position.
     */
    static Map<String, List<InternalTransfer>> fromCallTracer(long block, JsonNode result, List<String> txHashes) {
        if (result == null || !result.isArray() || result.size() != txHashes.size()) {
            throw new IngestException("block " + block + ": the call traces do not match the block's "
                    + txHashes.size() + " transactions: " + abbreviate(result));
        }
        Map<String, List<InternalTransfer>> byTx = new LinkedHashMap<>();
        for (int i = 0; i < result.size(); i++) {
            JsonNode entry = result.get(i);
            JsonNode frame = entry.has("result") ? entry.get("result") : entry;
            String txHash = txHashes.get(i);
            List<InternalTransfer> moves = new ArrayList<>();
            if (!frame.hasNonNull("error")) {
                for (JsonNode child : frame.path("calls")) {
                    collect(block, txHash, child, moves);
                }
            }
            byTx.put(txHash, moves);
        }
        return byTx;
    }

    private static void collect(long block, String txHash, JsonNode frame, List<InternalTransfer> moves) {
        if (frame.hasNonNull("error")) {
            return; // reverted: nothing in this subtree moved
        }
        String type = frame.path("type").asText("").toUpperCase(Locale.ROOT);
        BigInteger value = quantity(block, frame.get("value"));
        if (value.signum() > 0 && movesValue(type)) {
            moves.add(new InternalTransfer(txHash, text(block, frame, "from"), text(block, frame, "to"), value));
        }
        for (JsonNode child : frame.path("calls")) {
            collect(block, txHash, child, moves);
        }
    }

    /**
     * From {@code trace_block(n)}: a flat list of {@code {action, result, error, traceAddress,
     * transactionHash, type}}, calls in depth-first order. A trace is reverted if it or any trace
     * on the path to it has an error.
     */
    static Map<String, List<InternalTransfer>> fromParity(long block, JsonNode result) {
        if (result == null || !result.isArray()) {
            throw new IngestException("block " + block + ": trace_block did not answer a list: " + abbreviate(result));
        }
        Map<String, List<InternalTransfer>> byTx = new LinkedHashMap<>();
        Map<String, Set<String>> failedPaths = new LinkedHashMap<>();
        for (JsonNode trace : result) {
            if (!trace.hasNonNull("transactionHash")) {
                continue; // block and uncle rewards: not transfers between accounts
            }
            String txHash = trace.get("transactionHash").asText();
            List<Integer> path = new ArrayList<>();
            trace.path("traceAddress").forEach(n -> path.add(n.asInt()));
            Set<String> failed = failedPaths.computeIfAbsent(txHash, k -> new HashSet<>());
            List<InternalTransfer> moves = byTx.computeIfAbsent(txHash, k -> new ArrayList<>());
            if (trace.hasNonNull("error")) {
                failed.add(path.toString());
                continue;
            }
            if (path.isEmpty() || underFailure(path, failed)) {
                continue;
            }
            JsonNode action = trace.path("action");
            String type = trace.path("type").asText("");
            switch (type) {
                case "call" -> {
                    BigInteger value = quantity(block, action.get("value"));
                    if (value.signum() > 0 && movesValue(action.path("callType").asText("call").toUpperCase(Locale.ROOT))) {
                        moves.add(new InternalTransfer(txHash, text(block, action, "from"), text(block, action, "to"), value));
                    }
                }
                case "create" -> {
                    BigInteger value = quantity(block, action.get("value"));
                    if (value.signum() > 0) {
                        moves.add(new InternalTransfer(txHash, text(block, action, "from"),
                                text(block, trace.path("result"), "address"), value));
                    }
                }
                case "suicide" -> {
                    BigInteger value = quantity(block, action.get("balance"));
                    if (value.signum() > 0) {
                        moves.add(new InternalTransfer(txHash, text(block, action, "address"),
                                text(block, action, "refundAddress"), value));
                    }
                }
                default -> {
                    // rewards carry no transaction; anything else moves nothing we know of
                }
            }
        }
        return byTx;
    }

    private static boolean underFailure(List<Integer> path, Set<String> failed) {
        for (int depth = 0; depth < path.size(); depth++) {
            if (failed.contains(path.subList(0, depth).toString())) {
                return true;
            }
        }
        return false;
    }

    private static boolean movesValue(String type) {
        return switch (type) {
            case "CALL", "CREATE", "CREATE2", "SELFDESTRUCT", "SUICIDE" -> true;
            default -> false;
        };
    }

    private static BigInteger quantity(long block, JsonNode value) {
        if (value == null || value.isNull()) {
            return BigInteger.ZERO;
        }
        String text = value.asText();
        try {
            if (text.startsWith("0x") || text.startsWith("0X")) {
                return text.length() == 2 ? BigInteger.ZERO : new BigInteger(text.substring(2), 16);
            }
            return new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new IngestException("block " + block + ": a call trace has a value that is not a number: '" + text + "'");
        }
    }

    private static String text(long block, JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            throw new IngestException("block " + block + ": a call trace that moves value lacks its '" + field + "'");
        }
        return value.asText();
    }

    private static String abbreviate(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
