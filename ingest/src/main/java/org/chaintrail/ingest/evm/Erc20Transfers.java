package org.chaintrail.ingest.evm;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads ERC-20 (and TRC-20) {@code Transfer(address,address,uint256)} events from logs.
 *
 * <p>The standard form indexes {@code from} and {@code to} (three topics) and puts the amount in
 * 32 data bytes; some early tokens index nothing and put all three words in the data. A fourth
 * topic means ERC-721, whose last word is an NFT's id rather than an amount: not a fungible
 * transfer, so it is left out (ethereum-etl keeps it; a tracer must not add token ids).
 */
final class Erc20Transfers {
    static final String TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    /** A decoded event: 20-byte hex addresses ({@code 0x…}), the amount, the token contract as the log gives it. */
    record Decoded(String token, String from, String to, BigInteger amount) {
    }

    private Erc20Transfers() {
    }

    static Optional<Decoded> decode(Log log) {
        List<String> topics = log.getTopics();
        if (log.isRemoved() || topics == null || topics.isEmpty()
                || !TRANSFER_TOPIC.equalsIgnoreCase(topics.get(0))) {
            return Optional.empty();
        }
        String data = strip(log.getData());
        if (data.length() % 64 != 0) {
            return Optional.empty();
        }
        int words = data.length() / 64;
        if (topics.size() == 3 && words == 1 && isWord(topics.get(1)) && isWord(topics.get(2))) {
            return Optional.of(new Decoded(log.getAddress(), address(strip(topics.get(1))),
                    address(strip(topics.get(2))), new BigInteger(data, 16)));
        }
        if (topics.size() == 1 && words == 3) {
            return Optional.of(new Decoded(log.getAddress(), address(data.substring(0, 64)),
                    address(data.substring(64, 128)), new BigInteger(data.substring(128), 16)));
        }
        return Optional.empty();
    }

    private static boolean isWord(String topic) {
        return strip(topic).length() == 64;
    }

    private static String address(String word) {
        return "0x" + word.substring(24).toLowerCase(Locale.ROOT);
    }

    private static String strip(String hex) {
        if (hex == null) {
            return "";
        }
        return hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    }
}
