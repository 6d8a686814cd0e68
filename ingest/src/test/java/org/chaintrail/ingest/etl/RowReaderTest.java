package org.chaintrail.ingest.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chaintrail.ingest.IngestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowReaderTest {
    @TempDir
    Path dir;

    private List<Row> readAll(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (RowReader reader = RowReader.open(file, file.getFileName().toString())) {
            for (Optional<Row> row = reader.next(); row.isPresent(); row = reader.next()) {
                rows.add(row.get());
            }
        }
        return rows;
    }

    @Test
    void next_csvWithQuotedCommasQuotesAndLineBreak_cellsIntactAndStartLines() throws IOException {
        Path file = Files.writeString(dir.resolve("blocks.csv"), """
                number,withdrawals,note
                1,"{""index"":1,""amount"":2},{""index"":3}",plain
                2,"two
                lines",
                3,x,y
                """);

        List<Row> rows = readAll(file);

        assertThat(rows).extracting(Row::line).containsExactly(2L, 3L, 5L);
        assertThat(rows.get(0).text("withdrawals")).isEqualTo("{\"index\":1,\"amount\":2},{\"index\":3}");
        assertThat(rows.get(1).text("withdrawals")).isEqualTo("two\nlines");
        // An empty cell is absent, like a JSON null.
        assertThat(rows.get(1).optionalText("note")).isEmpty();
        assertThat(rows.get(2).number("number")).isEqualTo(3L);
    }

    @Test
    void next_jsonLineWithHugeBareInteger_keptDigitForDigit() throws IOException {
        Path file = Files.writeString(dir.resolve("token_transfers.json"), """
                {"value": 150188698577042438264952193024, "to_address": null, "nested": {"a": [1, 2]}}

                {"value": "7"}
                """);

        List<Row> rows = readAll(file);

        assertThat(rows).extracting(Row::line).containsExactly(1L, 3L);
        assertThat(rows.get(0).amount("value")).isEqualTo(new BigInteger("150188698577042438264952193024"));
        assertThat(rows.get(0).optionalText("to_address")).isEmpty();
        assertThat(rows.get(0).text("nested")).isEqualTo("{\"a\":[1,2]}");
        assertThat(rows.get(1).amount("value")).isEqualTo(BigInteger.valueOf(7));
    }

    @Test
    void amount_floatingPointText_errorNamesFileLineAndField() throws IOException {
        Path file = Files.writeString(dir.resolve("transactions.json"), "{\"value\": 1.5e18}\n");
        Row row = readAll(file).get(0);

        IngestException e = assertThrows(IngestException.class, () -> row.amount("value"));

        assertThat(e).hasMessage("transactions.json line 1, field value: not an integer: '1.5e18'");
    }

    @Test
    void next_truncatedJsonLine_errorNamesLine() throws IOException {
        Path file = Files.writeString(dir.resolve("blocks.json"), "{\"number\": 1}\n{\"number\": \n");

        IngestException e = assertThrows(IngestException.class, () -> readAll(file));

        assertThat(e.getMessage()).startsWith("blocks.json line 2: malformed JSON");
    }
}
