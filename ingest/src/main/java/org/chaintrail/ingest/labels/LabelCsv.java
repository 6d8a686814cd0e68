package org.chaintrail.ingest.labels;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.TagDetails;

/**
 * Labels as CSV: the header row {@code chain,address,label,category,source,confidence}, then one
 * label a row. RFC 4180: a quoted field may hold commas, doubled quotes and line breaks; a row's
 * line is the line it starts on. {@code chain} is a Chaintrail chain id ({@code ethereum},
 * {@code bitcoin}, {@code tron}, ...); {@code category} a concept of the GraphSense taxonomy, or
 * empty; a category that is an abuse concept ({@code scam}, {@code sanction}, ...) is stored as
 * the label's abuse; {@code confidence} one of the TagPack confidence levels, or empty.
 */
final class LabelCsv {
    static final List<String> HEADER = List.of("chain", "address", "label", "category", "source", "confidence");
    private static final CsvMapper MAPPER = new CsvMapper();

    private LabelCsv() {
    }

    static ParsedFile parse(String name, byte[] bytes, String sha256) {
        ParsedFile.Builder out = new ParsedFile.Builder(name);
        LabelFile file = LabelFile.of(sha256, name, LabelFormat.CSV.id());
        try (JsonParser csv = MAPPER.getFactory().createParser(
                new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8))) {
            ((CsvParser) csv).enable(CsvParser.Feature.WRAP_AS_ARRAY);
            ((CsvParser) csv).enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            if (csv.nextToken() != JsonToken.START_ARRAY) {
                out.problem(1, "file", "", "not CSV");
                return out.build(file);
            }
            boolean header = true;
            for (JsonToken t = csv.nextToken(); t == JsonToken.START_ARRAY; t = csv.nextToken()) {
                List<String> cells = new ArrayList<>();
                long line = -1;
                for (JsonToken c = csv.nextToken(); c != JsonToken.END_ARRAY; c = csv.nextToken()) {
                    if (line < 0) {
                        line = csv.currentTokenLocation().getLineNr();
                    }
                    cells.add(csv.getText());
                }
                if (header) {
                    header = false;
                    if (!cells.stream().map(String::strip).toList().equals(HEADER)) {
                        out.problem(line, "header", String.join(",", cells), "expected " + String.join(",", HEADER));
                        return out.build(file);
                    }
                } else {
                    row(out, line, cells);
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            out.problem(line, "file", "", "malformed CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            out.problem(0, "file", "", "cannot read: " + e.getMessage());
        }
        return out.build(file);
    }

    private static void row(ParsedFile.Builder out, long line, List<String> cells) {
        if (cells.size() != HEADER.size()) {
            out.problem(line, "row", String.join(",", cells), "has " + cells.size() + " fields, the header "
                    + HEADER.size());
            return;
        }
        String chainId = cells.get(0).strip();
        String address = cells.get(1).strip();
        String text = cells.get(2).strip();
        Optional<String> category = present(cells.get(3));
        Chain chain;
        try {
            chain = Chain.of(chainId);
        } catch (IllegalArgumentException e) {
            out.problem(line, "chain", chainId, e.getMessage());
            return;
        }
        if (text.isEmpty()) {
            out.problem(line, "label", "", "missing");
            return;
        }
        boolean abuse = category.filter(Taxonomy::isAbuse).isPresent();
        Label label = new Label(text, abuse ? Optional.empty() : category, abuse ? category : Optional.empty(),
                Optional.empty(), cells.get(4).strip(), present(cells.get(5)));
        out.add(line, chain, address, label, TagDetails.NONE);
    }

    private static Optional<String> present(String cell) {
        return Optional.of(cell.strip()).filter(s -> !s.isEmpty());
    }
}
