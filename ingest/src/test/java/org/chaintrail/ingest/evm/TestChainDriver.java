package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes chain activity on an {@link AnvilNode} for ingest tests: deploys the test contracts and
 * sends ETH, token transfers (good and failing), approvals and splits from the node's unlocked accounts with
 * {@code eth_sendTransaction}, so no keys are handled here.
 *
 * <p>Every send waits up to 30 s for its receipt, which comes at once under automine (the default)
 * or at the next interval block; with mining off, mine from another thread or the wait times out.
 * A send that should succeed and is mined with status 0 throws, naming the transaction.
 *
 * <p>The contracts are {@code src/test/solidity/*.sol}, compiled into
 * {@code src/test/resources/contracts/*.json} by {@code src/test/solidity/compile.sh}.
 */
public final class TestChainDriver {
    /** {@code transfer(address,uint256)}. */
    static final String TRANSFER = "a9059cbb";
    /** {@code approve(address,uint256)}. */
    static final String APPROVE = "095ea7b3";
    /** {@code transferFrom(address,address,uint256)}. */
    static final String TRANSFER_FROM = "23b872dd";
    /** {@code balanceOf(address)}. */
    static final String BALANCE_OF = "70a08231";
    /** {@code split(address,address)}. */
    static final String SPLIT = "0f2c9329";
    /** Room for any TestToken transfer (51k to a new holder, 24k reverting), far below the block limit. */
    static final BigInteger FAILING_TX_GAS = BigInteger.valueOf(100_000);

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern TX_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    private static final BigInteger WORD_LIMIT = BigInteger.ONE.shiftLeft(256);
    private static final Duration RECEIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnvilNode node;

    public TestChainDriver(AnvilNode node) {
        this.node = node;
    }

    /**
     * The compiled artifact of a test contract: {@code abi}, {@code bytecode} (0x creation code)
     * and {@code methodIdentifiers}.
     *
     * @param contract {@code TestToken} or {@code Splitter}
     */
    public static JsonNode artifact(String contract) {
        String resource = "/contracts/" + contract + ".json";
        try (InputStream in = TestChainDriver.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no compiled contract " + resource + " (run src/test/solidity/compile.sh)");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** The creation code of a test contract, 0x-prefixed. */
    public static String bytecode(String contract) {
        return artifact(contract).path("bytecode").asText();
    }

    /**
     * Deploys a contract whose constructor takes no arguments.
     *
     * @return the new contract's address, lower-case
     * @throws IllegalStateException if the deployment reverts
     */
    public String deploy(String from, String bytecode) {
        if (!bytecode.startsWith("0x") || bytecode.length() < 4) {
            throw new IllegalArgumentException("bytecode must be 0x-prefixed creation code, was " + abbreviate(bytecode));
        }
        Map<String, String> tx = tx(from);
        tx.put("data", bytecode);
        JsonNode receipt = receipt(send(tx));
        requireSuccess(receipt);
        return receipt.path("contractAddress").asText();
    }

    /** Sends plain ether; returns the mined transaction's hash. */
    public String sendEth(String from, String to, BigInteger wei) {
        Map<String, String> tx = tx(from);
        tx.put("to", address(to));
        tx.put("value", AnvilNode.quantity(wei));
        return mineSuccessfully(tx);
    }

    /** Calls {@code token.transfer(to, amount)} from {@code from}; returns the mined tx hash. */
    public String tokenTransfer(String token, String from, String to, BigInteger amount) {
        return mineSuccessfully(transferTx(token, from, to, amount));
    }

    /** Calls {@code token.approve(spender, amount)} from {@code owner}; returns the mined tx hash. */
    public String approve(String token, String owner, String spender, BigInteger amount) {
        Map<String, String> tx = tx(owner);
        tx.put("to", address(token));
        tx.put("data", "0x" + APPROVE + word(spender) + word(amount));
        return mineSuccessfully(tx);
    }

    /**
     * Calls {@code token.transferFrom(owner, to, amount)} from {@code spender}, spending the
     * allowance {@code owner} gave it; returns the mined tx hash.
     */
    public String transferFrom(String token, String spender, String owner, String to, BigInteger amount) {
        Map<String, String> tx = tx(spender);
        tx.put("to", address(token));
        tx.put("data", "0x" + TRANSFER_FROM + word(owner) + word(to) + word(amount));
        return mineSuccessfully(tx);
    }

    /**
     * Sends a token transfer that reverts (more than the sender holds) with an explicit gas limit
     * of 100 000, so it is mined with receipt status 0 and no logs. Anvil
     * 1.7.1 would also mine it without a gas limit (a failed estimate falls back to the block gas
     * limit of 30M), but other nodes reject at estimation, and a fixed limit keeps the fee stable.
     *
     * @return the mined, reverted transaction's hash
     * @throws IllegalStateException if the transfer succeeds after all
     */
    public String tokenTransferExpectFailure(String token, String from, String to, BigInteger amount) {
        Map<String, String> tx = transferTx(token, from, to, amount);
        tx.put("gas", AnvilNode.quantity(FAILING_TX_GAS));
        String hash = send(tx);
        JsonNode receipt = receipt(hash);
        if (!"0x0".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("transfer " + hash + " was expected to revert but has status "
                    + receipt.path("status").asText());
        }
        return hash;
    }

    /**
     * Calls {@code Splitter.split(a, b)} with {@code wei} attached: two contract-internal transfers,
     * half to each (an odd wei to b). Returns the mined tx hash.
     */
    public String split(String splitter, String from, String a, String b, BigInteger wei) {
        Map<String, String> tx = tx(from);
        tx.put("to", address(splitter));
        tx.put("value", AnvilNode.quantity(wei));
        tx.put("data", "0x" + SPLIT + word(a) + word(b));
        return mineSuccessfully(tx);
    }

    /** {@code token.balanceOf(holder)} at the latest block. */
    public BigInteger tokenBalance(String token, String holder) {
        Map<String, String> call = new LinkedHashMap<>();
        call.put("to", address(token));
        call.put("data", "0x" + BALANCE_OF + word(holder));
        String result = node.rpc("eth_call", call, "latest").asText();
        if (!result.startsWith("0x") || result.length() != 66) {
            throw new IllegalStateException("balanceOf(" + holder + ") on " + token + " answered " + result
                    + ", not one 32-byte word: is it the token?");
        }
        return new BigInteger(result.substring(2), 16);
    }

    /** The ether balance in wei at the latest block. */
    public BigInteger balance(String address) {
        return AnvilNode.parseQuantity(node.rpc("eth_getBalance", address(address), "latest"));
    }

    /**
     * The receipt of a transaction, waiting up to 30 s for it to be mined.
     *
     * @throws IllegalStateException if it is not mined in time (mining off, or dropped by a reorg)
     */
    public JsonNode receipt(String txHash) {
        if (!TX_HASH.matcher(txHash).matches()) {
            throw new IllegalArgumentException("tx hash must be 0x + 64 hex digits, was " + txHash);
        }
        long deadline = System.nanoTime() + RECEIPT_TIMEOUT.toNanos();
        while (true) {
            JsonNode receipt = node.rpc("eth_getTransactionReceipt", txHash);
            if (!receipt.isNull()) {
                return receipt;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no receipt for " + txHash + " after " + RECEIPT_TIMEOUT.toSeconds()
                        + " s: mining off, or the tx was dropped by a reorg?");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the receipt of " + txHash, e);
            }
        }
    }

    /** The fee a mined transaction cost its sender in wei: gas used times effective gas price. */
    public BigInteger fee(String txHash) {
        JsonNode receipt = receipt(txHash);
        return AnvilNode.parseQuantity(receipt.path("gasUsed"))
                .multiply(AnvilNode.parseQuantity(receipt.path("effectiveGasPrice")));
    }

    /** The calldata word of an address or a uint256, 64 hex digits, for hand-encoded calls. */
    static String word(String address) {
        return "0".repeat(24) + address(address).substring(2).toLowerCase(Locale.ROOT);
    }

    static String word(BigInteger value) {
        if (value.signum() < 0 || value.compareTo(WORD_LIMIT) >= 0) {
            throw new IllegalArgumentException("uint256 must be 0..2^256-1, was " + value);
        }
        String hex = value.toString(16);
        return "0".repeat(64 - hex.length()) + hex;
    }

    private Map<String, String> transferTx(String token, String from, String to, BigInteger amount) {
        Map<String, String> tx = tx(from);
        tx.put("to", address(token));
        tx.put("data", "0x" + TRANSFER + word(to) + word(amount));
        return tx;
    }

    private static Map<String, String> tx(String from) {
        Map<String, String> tx = new LinkedHashMap<>();
        tx.put("from", address(from));
        return tx;
    }

    private String mineSuccessfully(Map<String, String> tx) {
        String hash = send(tx);
        requireSuccess(receipt(hash));
        return hash;
    }

    private String send(Map<String, String> tx) {
        return node.rpc("eth_sendTransaction", tx).asText();
    }

    private static void requireSuccess(JsonNode receipt) {
        if (!"0x1".equals(receipt.path("status").asText())) {
            throw new IllegalStateException("tx " + receipt.path("transactionHash").asText() + " in block "
                    + receipt.path("blockNumber").asText() + " reverted (status " + receipt.path("status").asText() + ")");
        }
    }

    private static String address(String address) {
        if (address == null || !ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("address must be 0x + 40 hex digits, was " + address);
        }
        return address;
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
