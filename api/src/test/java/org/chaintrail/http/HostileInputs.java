package org.chaintrail.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.chaintrail.query.Json;

/** Generators of the input an API must refuse without a 500: hostile strings, bad addresses, broken JSON. */
final class HostileInputs {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Strings that would do harm if they were ever pasted into Cypher text instead of passed as parameters. */
    static final List<String> CYPHER = List.of(
            "' OR 1=1 //",
            "}) MATCH (n) DETACH DELETE n //",
            "\"}) MATCH (n) DETACH DELETE n //",
            "x'}) WITH 1 AS x MATCH (n) DETACH DELETE n RETURN 1 //",
            "0x' OR '1'='1",
            "exchange:binance'}) RETURN 1 UNION MATCH (n) RETURN n //",
            "` MATCH (n) DELETE n `",
            "$address",
            "{chain: 'ethereum'}",
            "\\u0027) DETACH DELETE n //",
            "; CALL dbms.components() YIELD name RETURN name",
            "../../../../etc/passwd",
            "%00%27%20OR%201%3D1",
            "<script>alert(1)</script>");

    /**
     * Valid on their own chain, from public references: EIP-55's test vectors, the Bitcoin genesis
     * address, BIP-173's P2WPKH example and the USDT contract on Tron.
     */
    static final List<String> EIP55_VECTORS = List.of("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb");
    static final List<String> BITCOIN = List.of("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4");
    static final List<String> TRON = List.of("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");

    private HostileInputs() {
    }

    /** Cypher-looking strings, alone or inside random text, and arbitrary Unicode of any length up to 5,000. */
    static Arbitrary<String> hostileStrings() {
        Arbitrary<String> cypher = Arbitraries.of(CYPHER);
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(20);
        Arbitrary<String> embedded = Combinators.combine(noise, cypher, noise).as((a, c, b) -> a + c + b);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> longPunctuation = Arbitraries.strings().withChars("'\"`{}()[]/\\:;$ ").ofMinLength(200).ofMaxLength(5_000);
        return Arbitraries.frequencyOf(List.of(weighted(4, cypher), weighted(3, embedded), weighted(2, unicode),
                weighted(1, longPunctuation)));
    }

    /**
     * An address text that is not an address of {@code chain}.
     *
     * @param chain chain id
     * @param text  the text
     */
    record BadAddress(String chain, String text) {
    }

    static Arbitrary<BadAddress> badAddresses() {
        Arbitrary<String> evmChain = Arbitraries.of("ethereum", "bsc", "polygon", "arbitrum");
        Arbitrary<String> hex = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofMaxLength(70)
                .filter(h -> h.length() != 40);
        Arbitrary<String> onEvm = Arbitraries.oneOf(
                Arbitraries.of(BITCOIN), Arbitraries.of(TRON), badChecksum(), hex.map(h -> "0x" + h),
                Combinators.combine(Arbitraries.strings().withChars("0123456789abcdef").ofLength(39),
                        Arbitraries.chars().with("gxzG -.'\u00e9")).as((h, c) -> "0x" + h + c),
                hostileStrings());
        Arbitrary<String> onTron = Arbitraries.oneOf(Arbitraries.of(EIP55_VECTORS), Arbitraries.of(BITCOIN),
                changedOneCharacter(TRON.get(0), "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"),
                hostileStrings());
        Arbitrary<String> onBitcoin = Arbitraries.oneOf(Arbitraries.of(EIP55_VECTORS), Arbitraries.of(TRON),
                changedOneCharacter(BITCOIN.get(1), "qpzry9x8gf2tvdw0s3jn54khce6mua7l"), hostileStrings());
        return Arbitraries.oneOf(
                Combinators.combine(evmChain, onEvm).as(BadAddress::new),
                onTron.map(t -> new BadAddress("tron", t)),
                onBitcoin.map(t -> new BadAddress("bitcoin", t)));
    }

    /** An EIP-55 address with one letter's case flipped: mixed case whose checksum cannot hold. */
    private static Arbitrary<String> badChecksum() {
        return Combinators.combine(Arbitraries.of(EIP55_VECTORS), Arbitraries.integers().between(0, 1_000))
                .as((address, pick) -> {
                    List<Integer> letters = new ArrayList<>();
                    for (int i = 2; i < address.length(); i++) {
                        if (Character.isLetter(address.charAt(i))) {
                            letters.add(i);
                        }
                    }
                    int at = letters.get(pick % letters.size());
                    char c = address.charAt(at);
                    char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                    return address.substring(0, at) + flipped + address.substring(at + 1);
                });
    }

    /** One character of a checksummed address replaced by another of its alphabet: the checksum catches it. */
    private static Arbitrary<String> changedOneCharacter(String address, String alphabet) {
        int from = address.startsWith("bc1") ? 4 : 1; // keep the prefix, so that only the checksum can object
        return Combinators.combine(Arbitraries.integers().between(from, address.length() - 1),
                Arbitraries.of(alphabet.chars().mapToObj(c -> (char) c).toList())).as((at, c) -> {
                    char other = c == address.charAt(at) ? alphabet.charAt((alphabet.indexOf(c) + 1) % alphabet.length()) : c;
                    return address.substring(0, at) + other + address.substring(at + 1);
                });
    }

    private static <T> Tuple.Tuple2<Integer, Arbitrary<T>> weighted(int weight, Arbitrary<T> values) {
        return Tuple.of(weight, values);
    }

    /** JSON values of every type, to be put where the description asks for another. */
    static Arbitrary<JsonNode> jsonValues() {
        return Arbitraries.of(List.<JsonNode>of(
                JSON.textNode("ethereum"), JSON.textNode(""), JSON.numberNode(7), JSON.numberNode(-1),
                JSON.numberNode(1.5), JSON.numberNode(new BigDecimal("1e400")), JSON.booleanNode(true),
                JSON.booleanNode(false), JSON.objectNode().put("$ne", 1), JSON.objectNode(),
                JSON.arrayNode().add(1).add(2), JSON.arrayNode().add(JSON.objectNode()), JSON.arrayNode().add(true),
                JSON.arrayNode().add(JSON.arrayNode().add("0x" + "1".repeat(40))), JSON.arrayNode().addNull()));
    }

    /** Whether a value has one of the types an input documents (an array's items included). */
    static boolean matches(ApiDescription.Input input, JsonNode value) {
        if (value.isArray()) {
            if (!input.types().contains("array")) {
                return false;
            }
            for (JsonNode item : value) {
                if (!matchesType(input.itemType(), item)) {
                    return false;
                }
            }
            return true;
        }
        return input.types().stream().anyMatch(t -> matchesType(t, value));
    }

    private static boolean matchesType(String type, JsonNode value) {
        return switch (type == null ? "" : type) {
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "null" -> value.isNull();
            default -> false;
        };
    }

    /**
     * Number literals no integer field of the API accepts: beyond int and long, non-integral,
     * overflowing a double, and the edges just past the usual bounds.
     */
    static Arbitrary<String> hugeNumbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("2147483648", "-2147483649", "9223372036854775808", "-9223372036854775809",
                        "1" + "0".repeat(30), "-1" + "0".repeat(30), "1e400", "-1e400", "1e-400", "0.5", "-0.0",
                        "1.0E10", "0", "-1", "51", "21"),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(31), BigInteger.TEN.pow(60)).map(BigInteger::toString),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(60).negate(), BigInteger.ZERO).map(BigInteger::toString));
    }

    /** A request body as bytes: not always UTF-8. */
    record Body(byte[] bytes) {
        @Override
        public String toString() {
            return BadInputPropertiesTest.abbreviate(new String(bytes, StandardCharsets.UTF_8)) + " (" + bytes.length
                    + " bytes)";
        }
    }

    /** Bodies that are not a JSON object: truncated, mistyped, deeply nested, not UTF-8, or no JSON at all. */
    static Arbitrary<Body> malformedJson(String example) {
        Arbitrary<String> truncated = Arbitraries.integers().between(0, Math.max(0, example.length() - 1))
                .map(n -> example.substring(0, n));
        Arbitrary<String> broken = Arbitraries.of("{", "}", "[", "{\"chain\":}", "{\"chain\":\"ethereum\",}",
                "{'chain':'ethereum'}", "NaN", "{\"a\":1}{", "{\"chain\" \"ethereum\"}", "{\"chain\":\"ethereum\" "
                        + "\"addresses\":[]}", "null", "42", "\"text\"", "[]", "true", "", " ", "\u0000",
                "{\"chain\":\"\\uZZZZ\"}", "{\"maxHops\":01}", "{\"maxHops\":+1}", "{\"maxHops\":Infinity}",
                "{\"chain\":\"ethereum\"/*x*/}");
        Arbitrary<String> nested = Arbitraries.integers().between(500, 20_000).map(n -> "[".repeat(n) + "]".repeat(n));
        Arbitrary<String> noise = Arbitraries.strings().all().ofMaxLength(300).filter(HostileInputs::notAnObject);
        Arbitrary<byte[]> text = Arbitraries.oneOf(truncated, broken, nested, noise).map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> notUtf8 = Arbitraries.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'},
                new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        return Arbitraries.frequencyOf(List.of(weighted(9, text), weighted(1, notUtf8))).map(Body::new);
    }

    private static boolean notAnObject(String text) {
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            return n == null || !n.isObject();
        } catch (Exception e) {
            return true;
        }
    }
}
