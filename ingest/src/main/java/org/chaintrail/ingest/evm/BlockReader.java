package org.chaintrail.ingest.evm;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Reads a run of blocks from the node and decodes the value they moved: each successful
 * transaction's own native value, its ERC-20 {@code Transfer} events (all tokens or the chosen
 * ones), and, where the node traces calls, the native value its contracts passed on; and the
 * ERC-20 {@code Approval} events of the same tokens, which move nothing but say who may. A reverted
 * transaction (receipt status 0) moves nothing and is only counted. Gas fees are not transfers.
 * Safe to call from several threads.
 */
final class BlockReader {
    private final NodeClient node;
    private final Chain chain;
    private final Set<String> tokens;
    private final boolean blockReceipts;
    private final TraceSource traces;
    private final int receiptsPerRequest;

    /**
     * @param tokens        token contracts to keep (canonical form), empty for all
     * @param blockReceipts whether the node answers {@code eth_getBlockReceipts}
     * @param traces        {@link TraceSource#DEBUG}, {@link TraceSource#PARITY} or {@link TraceSource#OFF}
     */
    BlockReader(NodeClient node, Chain chain, Set<String> tokens, boolean blockReceipts, TraceSource traces,
                int receiptsPerRequest) {
        if (traces == TraceSource.AUTO) {
            throw new IllegalArgumentException("resolve AUTO against the node first");
        }
        this.node = node;
        this.chain = chain;
        this.tokens = tokens;
        this.blockReceipts = blockReceipts;
        this.traces = traces;
        this.receiptsPerRequest = receiptsPerRequest;
    }

    List<FetchedBlock> read(long from, long to) {
        List<FetchedBlock> result = new ArrayList<>();
        for (EthBlock.Block block : node.blocks(from, to, true)) {
            result.add(decode(block));
        }
        return result;
    }

    private FetchedBlock decode(EthBlock.Block raw) {
        long number = raw.getNumber().longValueExact();
        List<Transaction> txs = new ArrayList<>();
        for (EthBlock.TransactionResult<?> result : raw.getTransactions()) {
            if (!(result.get() instanceof Transaction tx)) {
                throw new IngestException("block " + number + ": the node sent transaction hashes, not transactions");
            }
            txs.add(tx);
        }
        List<String> hashes = txs.stream().map(Transaction::getHash).toList();
        List<TransactionReceipt> receipts = receipts(number, hashes);
        Map<String, List<CallTraces.InternalTransfer>> internal = internalTransfers(number, hashes);
        try {
            Block block = new Block(chain, number, raw.getHash(), raw.getTimestamp().longValueExact());
            List<Transfer> transfers = new ArrayList<>();
            List<Approval> approvals = new ArrayList<>();
            Set<String> seenTokens = new HashSet<>();
            int failed = 0;
            for (int i = 0; i < txs.size(); i++) {
                Transaction tx = txs.get(i);
                TransactionReceipt receipt = receipts.get(i);
                if (!tx.getHash().equalsIgnoreCase(receipt.getTransactionHash())) {
                    throw new IngestException("block " + number + ": receipt " + i + " is for "
                            + receipt.getTransactionHash() + ", not for transaction " + tx.getHash());
                }
                if (isFailed(receipt)) {
                    failed++;
                    continue;
                }
                decodeTransaction(block, tx, receipt, internal.getOrDefault(tx.getHash(), List.of()),
                        transfers, seenTokens);
                decodeApprovals(block, tx, receipt, approvals, seenTokens);
            }
            return new FetchedBlock(block, chain.canonicalTxHash(raw.getParentHash()), transfers, approvals, seenTokens,
                    failed);
        } catch (IllegalArgumentException e) {
            throw new IngestException("block " + number + ": " + e.getMessage(), e);
        }
    }

    private void decodeTransaction(Block block, Transaction tx, TransactionReceipt receipt,
                                   List<CallTraces.InternalTransfer> internal, List<Transfer> out, Set<String> seenTokens) {
        int txIndex = tx.getTransactionIndex().intValueExact();
        String hash = tx.getHash();
        BigInteger value = tx.getValue();
        if (value != null && value.signum() > 0) {
            String to = tx.getTo() != null ? tx.getTo() : receipt.getContractAddress();
            if (to == null) {
                throw new IllegalArgumentException("transaction " + hash + " moves value to no address");
            }
            out.add(new Transfer(chain, hash, block.number(), txIndex, Transfer.NATIVE_LOG_INDEX, block.timestamp(),
                    chain.addressFromRpc(tx.getFrom()), chain.addressFromRpc(to), Asset.NATIVE, value));
        }
        for (Log log : receipt.getLogs()) {
            var decoded = Erc20Transfers.decode(log);
            if (decoded.isEmpty()) {
                continue;
            }
            String token = chain.addressFromRpc(decoded.get().token());
            if (!tokens.isEmpty() && !tokens.contains(token)) {
                continue;
            }
            seenTokens.add(token);
            out.add(new Transfer(chain, hash, block.number(), txIndex, log.getLogIndex().intValueExact(),
                    block.timestamp(), chain.addressFromRpc(decoded.get().from()),
                    chain.addressFromRpc(decoded.get().to()), token, decoded.get().amount()));
        }
        for (int k = 0; k < internal.size(); k++) {
            CallTraces.InternalTransfer move = internal.get(k);
            out.add(new Transfer(chain, hash, block.number(), txIndex, Transfer.internalIndex(k), block.timestamp(),
                    chain.addressFromRpc(move.from()), chain.addressFromRpc(move.to()), Asset.NATIVE, move.value()));
        }
    }

    /** The ERC-20 approvals among a successful transaction's logs (of the chosen tokens, when some are). */
    private void decodeApprovals(Block block, Transaction tx, TransactionReceipt receipt, List<Approval> out,
                                 Set<String> seenTokens) {
        for (Log log : receipt.getLogs()) {
            if (log.isRemoved()) {
                continue;
            }
            var decoded = Erc20Approvals.decode(log.getTopics(), log.getData());
            if (decoded.isEmpty()) {
                continue;
            }
            String token = chain.addressFromRpc(log.getAddress());
            if (!tokens.isEmpty() && !tokens.contains(token)) {
                continue;
            }
            seenTokens.add(token); // an approval's emitter is a token: its metadata is stored too
            out.add(new Approval(chain, tx.getHash(), block.number(), tx.getTransactionIndex().intValueExact(),
                    log.getLogIndex().intValueExact(), token, chain.addressFromRpc(decoded.get().owner()),
                    chain.addressFromRpc(decoded.get().spender()), decoded.get().amount()));
        }
    }

    /** Status 0 is a revert; no status (before Byzantium, 2017) is taken as success, as ethereum-etl does. */
    private static boolean isFailed(TransactionReceipt receipt) {
        String status = receipt.getStatus();
        return status != null && new BigInteger(status.startsWith("0x") ? status.substring(2) : status, 16).signum() == 0;
    }

    private List<TransactionReceipt> receipts(long number, List<String> hashes) {
        if (hashes.isEmpty()) {
            return List.of();
        }
        List<TransactionReceipt> receipts = blockReceipts ? node.blockReceipts(number)
                : node.receipts(number, hashes, receiptsPerRequest);
        if (receipts.size() != hashes.size()) {
            throw new IngestException("block " + number + ": the node gave " + receipts.size() + " receipts for "
                    + hashes.size() + " transactions");
        }
        return receipts;
    }

    private Map<String, List<CallTraces.InternalTransfer>> internalTransfers(long number, List<String> hashes) {
        if (hashes.isEmpty() || traces == TraceSource.OFF) {
            return Map.of();
        }
        String hex = "0x" + Long.toHexString(number);
        if (traces == TraceSource.DEBUG) {
            JsonNode result = node.call("call traces of block " + number, "debug_traceBlockByNumber",
                    List.of(hex, Map.of("tracer", "callTracer")));
            return CallTraces.fromCallTracer(number, result, hashes);
        }
        return CallTraces.fromParity(number, node.call("traces of block " + number, "trace_block", List.of(hex)));
    }
}
