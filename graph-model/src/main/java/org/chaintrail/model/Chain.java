package org.chaintrail.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The chains Chaintrail stores, each with its native coin and its canonical address form.
 *
 * <p>EVM chains store addresses as lower-case {@code 0x…} hex. Tron runs the same virtual machine
 * but is its own chain with its own address form, Base58Check {@code T…} (see {@link TronAddress}):
 * the same 20 bytes on Tron and on Ethereum are two different addresses of two chains, and never
 * meet in the graph. Bitcoin is a UTXO chain: its addresses are the standard encodings of output
 * scripts ({@link BitcoinAddress}), and its value moves through transactions with inputs and
 * outputs rather than through transfers.
 */
public enum Chain {
    ETHEREUM("ethereum", "ETH", 18, Kind.EVM),
    BSC("bsc", "BNB", 18, Kind.EVM),
    POLYGON("polygon", "POL", 18, Kind.EVM),
    ARBITRUM("arbitrum", "ETH", 18, Kind.EVM),
    TRON("tron", "TRX", 6, Kind.TRON),
    BITCOIN("bitcoin", "BTC", 8, Kind.UTXO);

    /** How a chain's addresses and transactions look. */
    private enum Kind { EVM, TRON, UTXO }

    private static final Pattern EVM_ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern EVM_TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");

    private static final Pattern TRON_HEX_ADDRESS = Pattern.compile("41[0-9a-fA-F]{40}");
    private static final Pattern BARE_TX_HASH = Pattern.compile("(0x)?[0-9a-fA-F]{64}");
    private static final String EVM_ZERO = "0x0000000000000000000000000000000000000000";

    private final String id;
    private final String nativeSymbol;
    private final int nativeDecimals;
    private final Kind kind;

    Chain(String id, String nativeSymbol, int nativeDecimals, Kind kind) {
        this.id = id;
        this.nativeSymbol = nativeSymbol;
        this.nativeDecimals = nativeDecimals;
        this.kind = kind;
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

    /**
     * The zero address: the sender of mints, which carry no taint. Bitcoin has none (new coins come
     * from coinbase inputs, which have no address); it gets a text no address can equal.
     */
    public String zeroAddress() {
        return switch (kind) {
            case EVM -> EVM_ZERO;
            case TRON -> TronAddress.fromHex(EVM_ZERO);
            case UTXO -> "";
        };
    }

    /** Whether this chain is Tron, whose addresses are Base58Check rather than hex. */
    public boolean isTron() {
        return kind == Kind.TRON;
    }

    /** Whether value moves in transactions of inputs and outputs (Bitcoin) rather than in transfers. */
    public boolean isUtxo() {
        return kind == Kind.UTXO;
    }

    /**
     * Returns the canonical stored form of an address on this chain: lower-case hex for EVM chains
     * (the EIP-55 mixed case is display only, but when the text mixes cases its checksum must hold);
     * Base58Check {@code T…} for Tron, which also accepts the 41-prefixed hex of Tron's own API,
     * its checksum verified; for Bitcoin, Base58Check or bech32/bech32m, checksums verified.
     *
     * @throws IllegalArgumentException if the text is not an address of this chain
     */
    public String canonicalAddress(String text) {
        if (kind == Kind.EVM && isLowerHex(text, 40)) {
            return text; // already canonical: what the store answers, read by the million in a trace
        }
        String trimmed = text == null ? null : text.trim();
        if (kind == Kind.UTXO) {
            return BitcoinAddress.canonical(trimmed);
        }
        if (kind == Kind.TRON) {
            if (trimmed != null && TRON_HEX_ADDRESS.matcher(trimmed).matches()) {
                return TronAddress.fromHex(trimmed);
            }
            return TronAddress.requireValid(trimmed);
        }
        if (trimmed == null || !EVM_ADDRESS.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "not a valid " + id + " address (0x and 40 hex digits): '" + text + "'");
        }
        String digits = trimmed.substring(2);
        if (Eip55.isMixedCase(digits) && !Eip55.checksummed(digits).equals(digits)) {
            throw new IllegalArgumentException("not a valid " + id + " address: the EIP-55 checksum of '" + text
                    + "' does not match (expected 0x" + Eip55.checksummed(digits)
                    + "; all lower or all upper case carries no checksum)");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * The canonical form of an address as an EVM JSON-RPC node answers it (20-byte {@code 0x…}
     * hex, on Tron too).
     */
    public String addressFromRpc(String hex) {
        return kind == Kind.TRON ? TronAddress.fromHex(hex) : canonicalAddress(hex);
    }

    /**
     * Returns the canonical transaction (or block) hash: lower-case {@code 0x…} hex on EVM chains;
     * on Tron and Bitcoin the 64 hex digits without {@code 0x}, as their explorers and nodes show a
     * txid (on Bitcoin in the usual byte-reversed display order).
     *
     * @throws IllegalArgumentException if the text is not a transaction hash of this chain
     */
    public String canonicalTxHash(String text) {
        if (kind == Kind.EVM && isLowerHex(text, 64)) {
            return text;
        }
        String trimmed = text == null ? null : text.trim();
        if (kind != Kind.EVM) {
            if (trimmed == null || !BARE_TX_HASH.matcher(trimmed).matches()) {
                throw new IllegalArgumentException(
                        "not a valid " + id + " transaction hash (64 hex digits): '" + text + "'");
            }
            String lower = trimmed.toLowerCase(Locale.ROOT);
            return lower.startsWith("0x") ? lower.substring(2) : lower;
        }
        if (trimmed == null || !EVM_TX_HASH.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "not a valid " + id + " transaction hash (0x and 64 hex digits): '" + text + "'");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** Whether the text is {@code 0x} and exactly {@code digits} lower-case hex digits: the canonical EVM form. */
    private static boolean isLowerHex(String text, int digits) {
        if (text == null || text.length() != digits + 2 || text.charAt(0) != '0' || text.charAt(1) != 'x') {
            return false;
        }
        for (int i = 2; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
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
