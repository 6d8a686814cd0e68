package org.chaintrail.ingest.labels;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a TagPack import read and stored.
 *
 * @param filesRead          TagPack files read
 * @param labelsImported     tags written as address labels
 * @param skippedByCurrency  tags on currencies the graph does not hold, per currency (upper case),
 *                           sorted by currency
 */
public record TagPackReport(int filesRead, long labelsImported, Map<String, Long> skippedByCurrency) {
    public TagPackReport {
        skippedByCurrency = Collections.unmodifiableMap(new TreeMap<>(skippedByCurrency));
    }

    /** One line for people. */
    public String describe() {
        return filesRead + " TagPack file(s): " + labelsImported + " label(s)"
                + (skippedByCurrency.isEmpty() ? "" : "; skipped tags on chains not held: " + skippedByCurrency);
    }

    /** Tags skipped, all currencies together. */
    public long skipped() {
        return skippedByCurrency.values().stream().mapToLong(Long::longValue).sum();
    }
}
