package org.chaintrail.ingest.etl;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of ethereum-etl export file the importer knows, in the order it reads them: tokens and
 * blocks first so that transfers can look up metadata and timestamps, receipts before transactions
 * so that failed transactions are known, transactions before token transfers so that a token
 * transfer finds its transaction's index, raw logs last (only their approvals are read).
 */
enum ExportKind {
    TOKENS("tokens"),
    BLOCKS("blocks"),
    RECEIPTS("receipts"),
    TRANSACTIONS("transactions"),
    TOKEN_TRANSFERS("token_transfers"),
    /** Raw logs: their ERC-20 approvals are read; their transfers are what token_transfers files hold already. */
    LOGS("logs");

    private final String fileStem;
    private final Pattern pattern;

    ExportKind(String fileStem) {
        this.fileStem = fileStem;
        // "blocks.csv", "blocks_00000000_00099999.csv", "expected_blocks.json". The stem must be
        // whole: "tokens" does not match "token_transfers.csv".
        this.pattern = Pattern.compile("(?:^|.*_)" + fileStem + "(?:_[0-9_]+)?\\.(?:csv|json)");
    }

    /** The name ethereum-etl gives this kind ({@code token_transfers}). */
    String fileStem() {
        return fileStem;
    }

    /** The kind a file name denotes, or empty for a file the importer does not read. */
    static Optional<ExportKind> ofFileName(String fileName) {
        for (ExportKind kind : values()) {
            if (kind.pattern.matcher(fileName).matches()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
