package org.chaintrail.ingest.evm;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads ERC-20 (and TRC-20) {@code Approval(address indexed owner, address indexed spender,
 * uint256 value)} events from a log's topics and data, for the live ingest (receipt logs) and the
 * ethereum-etl import ({@code logs} files) alike.
 *
 * <p>Only the standard form counts: three topics (the event's signature, owner, spender), each a
 * 32-byte word whose first 12 bytes are zero, and exactly one 32-byte data word, the allowance.
 * ERC-721 shares the signature but indexes the token id as a fourth topic and has no data: it
 * approves one NFT, not an amount, and is left out, as ERC-721 transfers are.
 */
public final class Erc20Approvals {
    /** keccak256("Approval(address,address,uint256)"). */
    public static final String APPROVAL_TOPIC = "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925";

    private static final Pattern ADDRESS_WORD = Pattern.compile("0{24}[0-9a-f]{40}");
    private static final Pattern WORD = Pattern.compile("[0-9a-f]{64}");

    /**
     * A decoded approval.
     *
     * @param owner   20-byte hex address ({@code 0x…}, lower case) whose tokens
     * @param spender who may move them, in the same form
     * @param amount  the allowance, base units
     */
    public record Decoded(String owner, String spender, BigInteger amount) {
    }

    private Erc20Approvals() {
    }

    /**
     * @param topics the log's topics, {@code 0x}-prefixed hex
     * @param data   the log's data, {@code 0x}-prefixed hex
     * @return the approval, or empty if the log is not a standard ERC-20 {@code Approval}
     */
    public static Optional<Decoded> decode(List<String> topics, String data) {
        if (topics == null || topics.size() != 3 || !APPROVAL_TOPIC.equalsIgnoreCase(topics.get(0))) {
            return Optional.empty();
        }
        String owner = strip(topics.get(1));
        String spender = strip(topics.get(2));
        String value = strip(data);
        if (!ADDRESS_WORD.matcher(owner).matches() || !ADDRESS_WORD.matcher(spender).matches()
                || !WORD.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Decoded("0x" + owner.substring(24), "0x" + spender.substring(24),
                new BigInteger(value, 16)));
    }

    private static String strip(String hex) {
        if (hex == null) {
            return "";
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        return lower.startsWith("0x") ? lower.substring(2) : lower;
    }
}
