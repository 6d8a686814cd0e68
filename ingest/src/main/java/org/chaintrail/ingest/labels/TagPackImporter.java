package org.chaintrail.ingest.labels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.AddressLabel;
import org.chaintrail.model.Chain;
import org.chaintrail.model.Label;
import org.chaintrail.model.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports <a href="https://github.com/graphsense/graphsense-tagpacks">GraphSense TagPacks</a>
 * (YAML) as address labels.
 *
 * <p>A tag inherits every header field ({@code label}, {@code category}, {@code abuse},
 * {@code actor}, {@code source}, {@code confidence}, {@code currency}) that it does not set itself.
 * Tags whose currency is a chain the graph holds (see {@link TagPackCurrencies}: {@code ETH}) are
 * stored with the address in canonical lower-case form, so EIP-55 mixed case loads; tags on any
 * other currency (BTC, TRX, ...) are skipped and counted per currency.
 *
 * <p>All files are read and checked before anything is written: a malformed tag stops the import
 * with nothing stored. Labels are then written in batches of {@value #BATCH_SIZE}, each in one
 * transaction; writes are idempotent, so importing a pack twice stores it once.
 */
public final class TagPackImporter {
    /** Labels per write transaction. */
    public static final int BATCH_SIZE = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(TagPackImporter.class);

    private final GraphStore store;

    /**
     * @param store where the labels go
     */
    public TagPackImporter(GraphStore store) {
        if (store == null) {
            throw new IllegalArgumentException("store is required");
        }
        this.store = store;
    }

    /**
     * Imports TagPack files.
     *
     * @param files the YAML files, imported in the order given
     * @return labels stored and tags skipped per currency
     * @throws IngestException if a file cannot be read or a tag is malformed: missing address, label
     *                         or currency, or an address that is not one of its chain (the message
     *                         names file, tag, line and field)
     */
    public TagPackReport importFiles(List<Path> files) {
        List<AddressLabel> labels = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        for (Path file : files) {
            TagPack pack = TagPackReader.read(file);
            int before = labels.size();
            for (TagPack.Tag tag : pack.tags()) {
                toLabel(pack, tag, skipped).ifPresent(labels::add);
            }
            LOG.info("{}: {} tags, {} labels on chains the graph holds", pack.source(), pack.tags().size(),
                    labels.size() - before);
        }
        for (int from = 0; from < labels.size(); from += BATCH_SIZE) {
            store.write(WriteBatch.ofLabels(labels.subList(from, Math.min(from + BATCH_SIZE, labels.size()))));
        }
        TagPackReport report = new TagPackReport(files.size(), labels.size(), skipped);
        LOG.info("imported {}", report);
        return report;
    }

    private static Optional<AddressLabel> toLabel(TagPack pack, TagPack.Tag tag, Map<String, Long> skipped) {
        String where = pack.source() + " tags[" + tag.index() + "]";
        String address = require(pack, tag, where, "address");
        String label = require(pack, tag, where, "label");
        String currency = require(pack, tag, where, "currency");
        Optional<Chain> chain = TagPackCurrencies.chainOf(currency);
        if (chain.isEmpty()) {
            skipped.merge(TagPackCurrencies.normalise(currency), 1L, Long::sum);
            return Optional.empty();
        }
        String canonical;
        try {
            canonical = chain.get().canonicalAddress(address);
        } catch (IllegalArgumentException e) {
            throw IngestException.atField(where, tag.line(), "address", e.getMessage());
        }
        Label attribution = new Label(label, pack.valueOf(tag, "category"), pack.valueOf(tag, "abuse"),
                pack.valueOf(tag, "actor"), pack.valueOf(tag, "source").orElse(""),
                pack.valueOf(tag, "confidence"));
        return Optional.of(new AddressLabel(chain.get(), canonical, attribution));
    }

    private static String require(TagPack pack, TagPack.Tag tag, String where, String field) {
        return pack.valueOf(tag, field).orElseThrow(() -> IngestException.atField(where, tag.line(), field,
                "missing (neither the tag nor the pack header sets it)"));
    }
}
