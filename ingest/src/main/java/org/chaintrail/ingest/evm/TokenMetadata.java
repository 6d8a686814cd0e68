package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Chain;
import org.chaintrail.model.TronAddress;

/**
 * Token symbols and decimals, read once per contract with {@code eth_call} ({@code symbol()},
 * {@code decimals()}) and cached. Tokens already described in the graph are not asked again. A
 * contract that reverts or answers nonsense stays without metadata: its amounts are still exact
 * base units, they just cannot be shown as whole tokens.
 */
final class TokenMetadata {
    private static final String SYMBOL = "0x95d89b41";
    private static final String DECIMALS = "0x313ce567";
    private static final int MAX_SYMBOL = 32;

    private final NodeClient node;
    private final GraphStore store;
    private final Chain chain;
    private final Map<String, Asset> known = new ConcurrentHashMap<>();

    TokenMetadata(NodeClient node, GraphStore store, Chain chain) {
        this.node = node;
        this.store = store;
        this.chain = chain;
    }

    /** The metadata of tokens not described before; each contract is returned once per run. */
    List<Asset> describeNew(Iterable<String> contracts) {
        List<String> unknown = new ArrayList<>();
        for (String contract : contracts) {
            if (!known.containsKey(contract)) {
                unknown.add(contract);
            }
        }
        if (unknown.isEmpty()) {
            return List.of();
        }
        List<String> ask = new ArrayList<>();
        store.assets(chain, unknown).forEach((key, asset) -> {
            if (asset.symbol().isPresent() && asset.decimals().isPresent()) {
                known.put(key, asset);
            }
        });
        for (String contract : unknown) {
            if (!known.containsKey(contract)) {
                ask.add(contract);
            }
        }
        List<Asset> described = new ArrayList<>();
        if (!ask.isEmpty()) {
            List<Map.Entry<String, List<?>>> calls = new ArrayList<>();
            for (String contract : ask) {
                String to = chain.isTron() ? TronAddress.toEvmHex(contract) : contract;
                calls.add(Map.entry("eth_call", List.of(Map.of("to", to, "data", SYMBOL), "latest")));
                calls.add(Map.entry("eth_call", List.of(Map.of("to", to, "data", DECIMALS), "latest")));
            }
            List<JsonNode> answers = node.callBatchLenient("token metadata of " + ask.size() + " contracts", calls);
            for (int i = 0; i < ask.size(); i++) {
                Asset asset = Asset.token(chain, ask.get(i), symbol(answers.get(2 * i)).orElse(null),
                        decimals(answers.get(2 * i + 1)).orElse(null));
                known.put(ask.get(i), asset);
                described.add(asset);
            }
        }
        return described;
    }

    /** An ABI {@code string}, or a {@code bytes32} as early tokens (MKR) return it. */
    static Optional<String> symbol(JsonNode answer) {
        byte[] bytes = bytes(answer);
        String text;
        if (bytes.length >= 64) {
            BigInteger offset = new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32));
            if (offset.compareTo(BigInteger.valueOf(bytes.length - 32)) > 0) {
                return Optional.empty();
            }
            int at = offset.intValue();
            BigInteger length = new BigInteger(1, Arrays.copyOfRange(bytes, at, at + 32));
            if (length.compareTo(BigInteger.valueOf(bytes.length - at - 32)) > 0) {
                return Optional.empty();
            }
            text = new String(bytes, at + 32, length.intValue(), StandardCharsets.UTF_8);
        } else if (bytes.length == 32) {
            int end = 0;
            while (end < 32 && bytes[end] != 0) {
                end++;
            }
            text = new String(bytes, 0, end, StandardCharsets.UTF_8);
        } else {
            return Optional.empty();
        }
        String clean = text.replaceAll("\\p{Cntrl}", "").strip();
        if (clean.length() > MAX_SYMBOL) {
            clean = clean.substring(0, MAX_SYMBOL);
        }
        return clean.isEmpty() ? Optional.empty() : Optional.of(clean);
    }

    static Optional<Integer> decimals(JsonNode answer) {
        byte[] bytes = bytes(answer);
        if (bytes.length != 32) {
            return Optional.empty();
        }
        BigInteger value = new BigInteger(1, bytes);
        return value.compareTo(BigInteger.valueOf(77)) <= 0 ? Optional.of(value.intValue()) : Optional.empty();
    }

    private static byte[] bytes(JsonNode answer) {
        if (answer == null || !answer.isTextual()) {
            return new byte[0];
        }
        String hex = answer.asText();
        hex = hex.startsWith("0x") ? hex.substring(2) : hex;
        if (hex.length() % 2 != 0) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
