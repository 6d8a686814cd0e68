package org.chaintrail.ingest.labels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.chaintrail.graph.GraphStore;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.Chain;
import org.chaintrail.model.LabelAttachment;
import org.chaintrail.model.LabelFile;
import org.chaintrail.model.Provenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports label files (GraphSense TagPacks, OFAC SDN lists and XML, CSV) as attachments with their
 * provenance: who imported them ({@link LabelImportRequest#by()}), when, and the file (by name and
 * SHA-256).
 *
 * <p>Every file is read and checked before anything is written. A bad row (unknown concept or
 * confidence, an address that is not its chain's or fails its checksum, a missing field) is
 * reported with file, line, field and value; by default every good row is stored all the same,
 * and with {@code strict} nothing at all is. A file that cannot be read or parsed is one bad row.
 * Labels are attached in batches of {@value #BATCH_SIZE}, each one transaction. Nothing stored
 * before is changed: a label already on its address keeps its first attachment.
 */
public final class LabelImporter {
    /** Labels per write transaction. */
    public static final int BATCH_SIZE = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(LabelImporter.class);

    private final GraphStore store;

    /**
     * @param store where the labels go
     */
    public LabelImporter(GraphStore store) {
        if (store == null) {
            throw new IllegalArgumentException("store is required");
        }
        this.store = store;
    }

    /**
     * Reads, checks and (unless strict and a row is bad) stores the files' labels.
     *
     * @param request the files and how to import them
     * @return what was read, stored and refused
     * @throws IngestException if the graph refuses a write (what was written before stays)
     */
    public LabelImportResult importFiles(LabelImportRequest request) {
        Instant at = request.clock().instant();
        List<ParsedFile> parsed = new ArrayList<>();
        List<BadRow> problems = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        Set<Chain> chains = EnumSet.noneOf(Chain.class);
        List<LabelAttachment> attachments = new ArrayList<>();
        for (Path path : request.files()) {
            Optional<ParsedFile> file = read(path, request.format(), problems);
            if (file.isEmpty()) {
                continue;
            }
            ParsedFile f = file.get();
            parsed.add(f);
            problems.addAll(f.problems());
            f.skipped().forEach((currency, n) -> skipped.merge(currency, n, Long::sum));
            Provenance provenance = new Provenance(request.by(), at, Optional.of(f.file()));
            for (ParsedLabel l : f.labels()) {
                chains.add(l.target().chain());
                attachments.add(new LabelAttachment(l.target(), l.details(), provenance));
            }
            LOG.info("{} ({}): {} label(s), {} bad row(s), skipped {}", f.file().name(), f.file().format(),
                    f.labels().size(), f.problems().size(), f.skipped());
        }
        List<LabelFile> files = parsed.stream().map(ParsedFile::file).toList();
        if (request.strict() && !problems.isEmpty()) {
            LOG.warn("strict import: {} bad row(s), nothing stored", problems.size());
            return new LabelImportResult(files, attachments.size(), 0, skipped, problems, chains, false);
        }
        long attached = 0;
        for (int from = 0; from < attachments.size(); from += BATCH_SIZE) {
            attached += store.labels().attach(attachments.subList(from, Math.min(from + BATCH_SIZE, attachments.size())));
        }
        LabelImportResult result = new LabelImportResult(files, attachments.size(), attached, skipped, problems, chains,
                true);
        LOG.info("imported {}", result.describe());
        return result;
    }

    private static Optional<ParsedFile> read(Path path, Optional<LabelFormat> format, List<BadRow> problems) {
        String name = path.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            problems.add(new BadRow(name, 0, "file", path.toString(), "cannot read: " + e.getMessage()));
            return Optional.empty();
        }
        String sha256 = sha256(bytes);
        LabelFormat f;
        try {
            f = format.orElseGet(() -> LabelFormat.guess(name, bytes));
        } catch (IllegalArgumentException e) {
            problems.add(new BadRow(name, 0, "file", "", e.getMessage()));
            return Optional.empty();
        }
        return switch (f) {
            case TAGPACK -> {
                try {
                    TagPack pack = TagPackReader.read(name, bytes);
                    yield Optional.of(TagPackLabels.parse(pack, TagPackLabels.file(pack, sha256)));
                } catch (IngestException e) {
                    problems.add(new BadRow(name, 0, "file", "", e.getMessage()));
                    yield Optional.empty();
                }
            }
            case OFAC -> Optional.of(OfacLists.parse(name, bytes, sha256));
            case OFAC_XML -> Optional.of(OfacSdnXml.parse(name, bytes, sha256));
            case CSV -> Optional.of(LabelCsv.parse(name, bytes, sha256));
        };
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
