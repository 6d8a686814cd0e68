package org.chaintrail.ingest.labels;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.model.Chain;
import org.chaintrail.model.LabelFile;

/**
 * What an import read, stored and refused.
 *
 * @param files             the files read, with their hashes
 * @param labelsRead        valid labels read
 * @param attached          labels attached; the others were on their address already
 * @param skippedByCurrency rows on currencies the graph does not hold, per currency, sorted
 * @param problems          the bad rows, file by file, in file order
 * @param chains            the chains the valid labels are on
 * @param stored            false if a strict import refused to store anything
 */
public record LabelImportResult(List<LabelFile> files, long labelsRead, long attached,
                                Map<String, Long> skippedByCurrency, List<BadRow> problems, Set<Chain> chains,
                                boolean stored) {
    public LabelImportResult {
        files = List.copyOf(files);
        skippedByCurrency = Collections.unmodifiableMap(new TreeMap<>(skippedByCurrency));
        problems = List.copyOf(problems);
        chains = chains.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(chains));
    }

    /** Rows skipped, all currencies together. */
    public long skipped() {
        return skippedByCurrency.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One line for people. */
    public String describe() {
        String what = files.size() + " file(s): " + labelsRead + " valid label(s), " + attached + " newly attached";
        if (!stored) {
            what = files.size() + " file(s): nothing stored (--strict and " + problems.size() + " bad row(s))";
        }
        return what + (skippedByCurrency.isEmpty() ? "" : "; skipped, on chains not held: " + skippedByCurrency)
                + (problems.isEmpty() || !stored ? "" : "; " + problems.size() + " bad row(s) not loaded");
    }
}
