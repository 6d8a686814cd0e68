package org.chaintrail.ingest.etl;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.BackgroundWriter;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.ingest.etl.ExportFiles.ExportFile;
import org.chaintrail.ingest.evm.Erc20Approvals;
import org.chaintrail.model.Approval;
import org.chaintrail.model.Asset;
import org.chaintrail.model.Block;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Transfer;
import org.chaintrail.model.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a directory of <a href="https://github.com/blockchain-etl/ethereum-etl">ethereum-etl</a>
 * export files into the graph: blocks, native-coin transfers, token transfers, token approvals and
 * token metadata.
 *
 * <p><b>Files.</b> The directory is searched recursively; a file is of kind {@code K} (one of
 * {@code tokens}, {@code blocks}, {@code receipts}, {@code transactions}, {@code token_transfers},
 * {@code logs})
 * if its name matches {@code (?:^|.*_)K(?:_[0-9_]+)?\.(csv|json)}: {@code blocks.csv},
 * {@code blocks_00000000_00099999.csv} and {@code expected_blocks.json} are all blocks files.
 * {@code .csv} is RFC 4180 with a header, {@code .json} is JSON lines. Field names are
 * ethereum-etl's; other fields are ignored. Of a {@code logs} file only the ERC-20 {@code Approval}
 * events are read ({@link Erc20Approvals}: three topics and one data word; {@code topics} a JSON
 * array or, in CSV, comma-separated); its transfers are what {@code token_transfers} files hold
 * already. Kinds are read in the order tokens, blocks, receipts, transactions, token transfers,
 * logs, and each kind's files in path order, so an import is deterministic.
 *
 * <p><b>Rules.</b> A successful transaction with value above 0 becomes a native transfer
 * ({@link Transfer#NATIVE_LOG_INDEX}); a contract creation pays the new contract, whose address
 * comes from {@code receipt_contract_address} or a receipts file, and is skipped without one.
 * Value 0 moves nothing and is skipped. A failed transaction (status 0 in a receipts file or in the
 * transaction's {@code receipt_status}) moves no value: neither its native value nor its token
 * transfers are stored. Before Byzantium receipts carry no status, and such transactions count as
 * successful. Token transfers are stored whatever their value, zero included, because zero and dust
 * transfers are the trace address poisoning leaves. A token transfer takes its transaction index
 * from the transactions of the same import; when its transaction is not among them the index is
 * -1, and within a block such transfers then order by log index alone (a log index counts across
 * the whole block, so their relative order stays right). Timestamps come from the row's
 * {@code block_timestamp}, else from the blocks files; without either the import fails. An approval
 * of a failed transaction is not stored; it takes the log row's {@code transaction_index}, else
 * that of the transactions of the import, else -1.
 *
 * <p><b>Writes.</b> Transfers and approvals go to the store in batches of at most {@code batchSize},
 * each with the blocks and assets it first references, each batch in one transaction, in file
 * order. A writer thread stores one batch while the next is parsed. Every row of a batch is parsed
 * and validated before the batch is handed to the writer, so a malformed row stops the import with nothing of its
 * batch stored; the batches before it are all stored before the error is thrown. Writes are
 * idempotent, so the import can simply be run again once the row is fixed.
 *
 * <p><b>Memory.</b> Blocks, the index of every transaction hash and the failed transactions are held
 * for the whole import (about 200 bytes per transaction). Import a large export one block-range
 * directory at a time.
 */
public final class EthereumEtlImporter {
    /** Transfers per write transaction unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 5_000;
    /** Full batches waiting for the writer thread, at most: parsing runs this far ahead of writing. */
    private static final int PENDING_BATCHES = 2;

    private static final Logger LOG = LoggerFactory.getLogger(EthereumEtlImporter.class);
    private static final List<ExportKind> READ_ORDER = List.of(ExportKind.TOKENS, ExportKind.BLOCKS,
            ExportKind.RECEIPTS, ExportKind.TRANSACTIONS, ExportKind.TOKEN_TRANSFERS, ExportKind.LOGS);
    private static final int MAX_DECIMALS = 77;

    private final GraphStore store;
    private final Chain chain;
    private final int batchSize;

    /**
     * An importer writing batches of {@value #DEFAULT_BATCH_SIZE} transfers.
     *
     * @param store where the data goes
     * @param chain the chain the export comes from
     */
    public EthereumEtlImporter(GraphStore store, Chain chain) {
        this(store, chain, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param store     where the data goes
     * @param chain     the chain the export comes from
     * @param batchSize the most transfers written in one transaction, 1..100000
     * @throws IllegalArgumentException if the batch size is out of range
     */
    public EthereumEtlImporter(GraphStore store, Chain chain, int batchSize) {
        if (store == null || chain == null) {
            throw new IllegalArgumentException("store and chain are required");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batch size must be 1..100000, was " + batchSize);
        }
        this.store = store;
        this.chain = chain;
        this.batchSize = batchSize;
    }

    /**
     * Imports every export file under a directory.
     *
     * @param dir the export directory, searched recursively
     * @return what was read and stored
     * @throws IllegalArgumentException if {@code dir} is not a directory
     * @throws IngestException          if the directory holds no export file, or a row is malformed
     *                                  (the message names file, line and field)
     */
    public ImportReport importDirectory(Path dir) {
        ExportFiles files = ExportFiles.scan(dir);
        if (!files.hasImportableFiles()) {
            throw new IngestException("no ethereum-etl export files (tokens, blocks, receipts, transactions, "
                    + "token_transfers or logs, as .csv or .json) under " + dir);
        }
        if (!files.unreadable().isEmpty()) {
            LOG.debug("not export files of a known kind, left out: {}", files.unreadable());
        }
        LOG.info("importing {} export under {}", chain.id(), dir);
        BackgroundWriter<WriteBatch> writer = new BackgroundWriter<>("etl-writer", PENDING_BATCHES, store::write);
        Run run = new Run(writer);
        int filesRead = 0;
        try (writer) {
            for (ExportKind kind : READ_ORDER) {
                Consumer<Row> handler = switch (kind) {
                    case TOKENS -> run::token;
                    case BLOCKS -> run::block;
                    case RECEIPTS -> run::receipt;
                    case TRANSACTIONS -> run::transaction;
                    case TOKEN_TRANSFERS -> run::tokenTransfer;
                    case LOGS -> run::log;
                };
                for (ExportFile file : files.of(kind)) {
                    read(file, handler);
                    filesRead++;
                }
            }
            run.batcher.finish(run.blocks.values(), run.tokens.fromFiles());
            writer.finish();
        } catch (RuntimeException e) {
            // close() has waited for the batches handed over; a write that failed meanwhile is reported too.
            writer.failure().filter(f -> f != e).ifPresent(e::addSuppressed);
            throw e;
        }
        ImportReport report = run.report(filesRead);
        LOG.info("imported {}", report);
        return report;
    }

    /**
     * A log's topics: a JSON array in JSON-lines files ({@code ["0x…","0x…"]}), comma-separated
     * text in CSV files; none when the field is absent.
     */
    static List<String> topics(Row row) {
        String text = row.optionalText("topics").orElse("").trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        List<String> topics = new ArrayList<>();
        for (String part : text.split(",")) {
            String topic = part.trim();
            if (topic.length() >= 2 && topic.startsWith("\"") && topic.endsWith("\"")) {
                topic = topic.substring(1, topic.length() - 1).trim();
            }
            if (!topic.isEmpty()) {
                topics.add(topic);
            }
        }
        return topics;
    }

    private static void read(ExportFile file, Consumer<Row> handler) {
        FileProgress progress = new FileProgress(LOG, file.source());
        try (RowReader reader = RowReader.open(file.path(), file.source())) {
            for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
                handler.accept(row.get());
                progress.row();
            }
        } catch (IOException e) {
            throw new IngestException(file.source() + ": cannot close: " + e.getMessage(), e);
        }
        progress.done();
    }

    /** A receipt status: 1 succeeded, 0 failed, absent before Byzantium. */
    private static Optional<Boolean> succeeded(Row row, String field) {
        return row.optionalText(field).map(status -> switch (status) {
            case "1" -> true;
            case "0" -> false;
            default -> throw row.error(field, "not a receipt status (0 or 1): '" + status + "'");
        });
    }

    /** The state of one import: the lookups later files need, and the counts. */
    private final class Run {
        final TokenCatalog tokens = new TokenCatalog(chain);
        final Map<Long, Block> blocks = new LinkedHashMap<>();
        final Set<String> failedTransactions = new HashSet<>();
        final Map<String, String> createdContracts = new HashMap<>();
        final Map<String, Integer> transactionIndexes = new HashMap<>();
        final TransferBatcher batcher;

        long blockRows;
        long nativeTransfers;
        long tokenTransfers;
        long skippedFailedTransactions;
        long skippedFailedTokenTransfers;
        long skippedZeroValue;
        long skippedContractCreations;
        long approvals;

        Run(BackgroundWriter<WriteBatch> writer) {
            batcher = new TransferBatcher(writer, batchSize, blocks, tokens);
        }

        void token(Row row) {
            String address = row.address(chain, "address");
            Optional<String> symbol = row.optionalText("symbol");
            Optional<Integer> decimals = row.optionalSmallNumber("decimals");
            if (decimals.isPresent() && decimals.get() > MAX_DECIMALS) {
                // Token contracts report what they like; a nonsense value is unknown, not a broken export.
                LOG.warn("{} line {}: token {} reports {} decimals, stored as unknown", row.source(), row.line(),
                        address, decimals.get());
                decimals = Optional.empty();
            }
            tokens.add(Asset.token(chain, address, symbol.orElse(null), decimals.orElse(null)));
        }

        void block(Row row) {
            Block block = new Block(chain, row.number("number"), row.hash(chain, "hash"), row.number("timestamp"));
            blocks.put(block.number(), block);
            blockRows++;
        }

        void receipt(Row row) {
            String hash = row.hash(chain, "transaction_hash");
            if (succeeded(row, "status").filter(ok -> !ok).isPresent()) {
                failedTransactions.add(hash);
            }
            row.optionalAddress(chain, "contract_address").ifPresent(contract -> createdContracts.put(hash, contract));
        }

        void transaction(Row row) {
            String hash = row.hash(chain, "hash");
            long blockNumber = row.number("block_number");
            int index = row.index("transaction_index");
            String from = row.address(chain, "from_address");
            Optional<String> to = row.optionalAddress(chain, "to_address");
            BigInteger value = row.amount("value");
            Optional<Boolean> succeeded = succeeded(row, "receipt_status");
            Optional<String> created = row.optionalAddress(chain, "receipt_contract_address");

            transactionIndexes.put(hash, index);
            if (succeeded.filter(ok -> !ok).isPresent()) {
                failedTransactions.add(hash);
            }
            if (failedTransactions.contains(hash)) {
                skippedFailedTransactions++;
                return;
            }
            if (value.signum() == 0) {
                skippedZeroValue++;
                return;
            }
            Optional<String> payee = to.or(() -> created).or(() -> Optional.ofNullable(createdContracts.get(hash)));
            if (payee.isEmpty()) {
                LOG.warn("{} line {}: contract creation {} carries {} wei but the export has no contract address; "
                        + "skipped", row.source(), row.line(), hash, value);
                skippedContractCreations++;
                return;
            }
            batcher.add(new Transfer(chain, hash, blockNumber, index, Transfer.NATIVE_LOG_INDEX,
                    timestamp(row, blockNumber), from, payee.get(), Asset.NATIVE, value));
            nativeTransfers++;
        }

        void tokenTransfer(Row row) {
            String token = row.address(chain, "token_address");
            String from = row.address(chain, "from_address");
            String to = row.address(chain, "to_address");
            BigInteger value = row.amount("value");
            String hash = row.hash(chain, "transaction_hash");
            int logIndex = row.index("log_index");
            long blockNumber = row.number("block_number");

            if (failedTransactions.contains(hash)) {
                skippedFailedTokenTransfers++;
                return;
            }
            int txIndex = transactionIndexes.getOrDefault(hash, -1);
            batcher.add(new Transfer(chain, hash, blockNumber, txIndex, logIndex, timestamp(row, blockNumber),
                    from, to, token, value));
            tokenTransfers++;
        }

        /** A raw log: only an ERC-20 approval is stored; its transfers come from token_transfers files. */
        void log(Row row) {
            String hash = row.hash(chain, "transaction_hash");
            if (failedTransactions.contains(hash)) {
                return;
            }
            Optional<Erc20Approvals.Decoded> decoded =
                    Erc20Approvals.decode(topics(row), row.optionalText("data").orElse(""));
            if (decoded.isEmpty()) {
                return;
            }
            int txIndex = row.optionalSmallNumber("transaction_index")
                    .orElseGet(() -> transactionIndexes.getOrDefault(hash, -1));
            String token = row.address(chain, "address");
            try {
                batcher.add(new Approval(chain, hash, row.number("block_number"), txIndex, row.index("log_index"),
                        token, chain.addressFromRpc(decoded.get().owner()),
                        chain.addressFromRpc(decoded.get().spender()), decoded.get().amount()));
            } catch (IllegalArgumentException e) {
                throw row.error("topics", e.getMessage());
            }
            approvals++;
        }

        long timestamp(Row row, long blockNumber) {
            Optional<Long> own = row.optionalNumber("block_timestamp");
            if (own.isPresent()) {
                return own.get();
            }
            Block block = blocks.get(blockNumber);
            if (block == null) {
                throw row.error("block_timestamp", "no timestamp for block " + blockNumber
                        + ": the row has none and no blocks file holds the block");
            }
            return block.timestamp();
        }

        ImportReport report(int filesRead) {
            return new ImportReport(filesRead, blockRows, nativeTransfers, tokenTransfers, batcher.tokenAssets(),
                    approvals, skippedFailedTransactions, skippedFailedTokenTransfers, skippedZeroValue, skippedContractCreations);
        }
    }
}
