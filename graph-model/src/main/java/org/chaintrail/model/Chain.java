package org.chaintrail.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The chains Chaintrail stores, each with its native coin and its canonical address form.
 *
 * <p>Only account chains with EVM addresses are here so far; Tron and Bitcoin arrive with their
 * ingestors, each with its own canonical form (base58 {@code T…}, encoded Bitcoin addresses).
 */
public enum Chain {
    ETHEREUM("ethereum", "ETH", 18),
    BSC("bsc", "BNB", 18),
    POLYGON("polygon", "POL", 18),
    ARBITRUM("arbitrum", "ETH", 18);

    private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern EVM_TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    private final String id;
    private final String nativeSymbol;
    private final int nativeDecimals;

    Chain(String id, String nativeSymbol, int nativeDecimals) {
        this.id = id;
        this.nativeSymbol = nativeSymbol;
        this.nativeDecimals = nativeDecimals;
    }

    /** The chain's name as it appears in the graph, the CLI and URLs ({@code ethereum}). */
    public String id() {
        return id;
    }

    public String nativeSymbol() {
        return nativeSymbol;
    }

    public int nativeDecimals() {
        return nativeDecimals;
    }

    /** The zero address: the sender of mints, which carry no taint. */
    public String zeroAddress() {
        return "0x0000000000000000000000000000000000000000";
    }

    /**
     * Returns the canonical stored form of an address on this chain (lower-case hex for EVM; the
     * EIP-55 mixed case is display only).
     *
     * @throws IllegalArgumentException if the text is not an address of this chain
     */
    public String canonicalAddress(String text) {
        if (text == null || !EVM_ADDRESS.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException(
                    "not a valid " + id + " address (0x and 40 hex digits): '" + text + "'");
        }
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Returns the canonical (lower-case) transaction hash.
     *
     * @throws IllegalArgumentException if the text is not a transaction hash of this chain
     */
    public String canonicalTxHash(String text) {
        if (text == null || !EVM_TX_HASH.matcher(text.trim()).matches()) {
            throw new IllegalArgumentException(
                    "not a valid " + id + " transaction hash (0x and 64 hex digits): '" + text + "'");
        }
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds a chain by its id, case-insensitively.
     *
     * @throws IllegalArgumentException naming the known chains if there is no such chain
     */
    public static Chain of(String id) {
        for (Chain chain : values()) {
            if (chain.id.equalsIgnoreCase(id == null ? "" : id.trim())) {
                return chain;
            }
        }
        throw new IllegalArgumentException("unknown chain '" + id + "', expected one of "
                + Arrays.stream(values()).map(Chain::id).collect(Collectors.joining(", ")));
    }
}
