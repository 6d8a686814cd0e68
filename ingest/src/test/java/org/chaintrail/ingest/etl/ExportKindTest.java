package org.chaintrail.ingest.etl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExportKindTest {

    @Test
    void ofFileName_plainAndRangeSuffixedNames_kindOfTheStem() {
        assertThat(ExportKind.ofFileName("blocks.csv")).contains(ExportKind.BLOCKS);
        assertThat(ExportKind.ofFileName("blocks_00000000_00099999.csv")).contains(ExportKind.BLOCKS);
        assertThat(ExportKind.ofFileName("expected_token_transfers.json")).contains(ExportKind.TOKEN_TRANSFERS);
        assertThat(ExportKind.ofFileName("receipts_17173049_17173050.json")).contains(ExportKind.RECEIPTS);
        assertThat(ExportKind.ofFileName("expected_logs.json")).contains(ExportKind.LOGS);
    }

    @Test
    void ofFileName_tokenTransfersFile_isNotATokensFile() {
        assertThat(ExportKind.ofFileName("token_transfers.csv")).contains(ExportKind.TOKEN_TRANSFERS);
        assertThat(ExportKind.ofFileName("tokens.csv")).contains(ExportKind.TOKENS);
        assertThat(ExportKind.ofFileName("expected_tokens.json")).contains(ExportKind.TOKENS);
    }

    @Test
    void ofFileName_otherNamesAndExtensions_noKind() {
        assertThat(ExportKind.ofFileName("blocks.txt")).isEmpty();
        assertThat(ExportKind.ofFileName("mytokens.csv")).isEmpty();
        assertThat(ExportKind.ofFileName("blocks_abc.csv")).isEmpty();
        assertThat(ExportKind.ofFileName("web3_response.eth_getFilterLogs_0x0.json")).isEmpty();
        assertThat(ExportKind.ofFileName("expected_traces.csv")).isEmpty();
    }
}
