package org.chaintrail.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.chaintrail.graph.ImportCsvFile.Column;
import org.chaintrail.model.Chain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the graph, or one chain of it, as the CSV input of Neo4j 5's
 * {@code neo4j-admin database import full}, with the command line that loads it into a new
 * database of a Neo4j server: the bulk path from the embedded store to a server or cluster.
 * Once the server runs, Chaintrail connects with {@code --neo4j-uri} and creates its schema.
 *
 * <p>Layout, in the export directory: a header file and a data file per node label
 * ({@code node-Address-header.csv}, {@code node-Address.csv}, ...) and per relationship type
 * ({@code rel-IN-header.csv}, ...); {@code import.sh}, which runs the import. Node ids are natural
 * keys in one id space per label ({@code :ID(Address)} = {@code chain:address}; Transfer, Label
 * and Entity use their stored key, which the header also stores as the property), so another tool
 * can produce files that join them. Properties keep the names and types the store writes:
 * numbers {@code long}, amounts strings, {@code MEMBER_OF.evidence} a {@code string[]}.
 *
 * <p>Memory stays bounded whatever the graph: nodes are read in keyset pages in natural-key order
 * (one index seek and one short transaction a page) and written as they come. The same graph gives
 * the same bytes. A node or relationship with a property this class has no column for stops the
 * export (an import would silently lose it).
 *
 * <p>Known gaps: an empty {@code evidence} list arrives absent (the importer has no empty array;
 * no read of {@link GraphStore} tells them apart). The export is not a snapshot: stop live ingest
 * while it runs.
 */
public final class Neo4jImportExport {
    private static final Logger LOG = LoggerFactory.getLogger(Neo4jImportExport.class);

    /** Rows a page: a few MB of heap, a short read transaction. */
    static final int DEFAULT_PAGE_SIZE = 5_000;

    /** A path with one of these breaks the file lists (comma) or the shell quoting of import.sh. */
    private static final Pattern UNSAFE_DIR = Pattern.compile("[,\"$`\\\\]");

    private static final NodeTable ADDRESS = new NodeTable("Address", null, "chain", "address");
    private static final NodeTable TRANSFER = new NodeTable("Transfer", "id", "chain", "asset", "amount",
            "txHash", "blockNumber:long", "txIndex:long", "logIndex:long", "timestamp:long");
    private static final NodeTable ASSET = new NodeTable("Asset", null, "chain", "contract", "symbol",
            "decimals:long");
    private static final NodeTable BLOCK = new NodeTable("Block", null, "chain", "number:long", "hash",
            "timestamp:long");
    private static final NodeTable CHECKPOINT = new NodeTable("Checkpoint", null, "chain", "number:long", "hash");
    private static final NodeTable LABEL = new NodeTable("Label", "key", "label", "category", "abuse", "actor",
            "source", "confidence", "searchText");
    private static final NodeTable ENTITY = new NodeTable("Entity", "id", "name", "category", "confidence", "kind",
            "chain", "size:long", "defaultName", "searchName");
    private static final NodeTable LABEL_FILE = new NodeTable("LabelFile", "sha256",
            LabelStore.fileColumns().toArray(String[]::new));

    private static final RelTable IN = new RelTable("IN", ADDRESS, TRANSFER);
    private static final RelTable OUT = new RelTable("OUT", TRANSFER, ADDRESS);
    private static final RelTable HAS_LABEL = new RelTable("HAS_LABEL", ADDRESS, LABEL,
            LabelStore.relationshipProperties().toArray(String[]::new));
    private static final RelTable MEMBER_OF = new RelTable("MEMBER_OF", ADDRESS, ENTITY, "via",
            "evidence:string[]");
    private static final RelTable APPROVED = new RelTable("APPROVED", ADDRESS, ADDRESS, "id", "chain", "token",
            "amount", "txHash", "blockNumber:long", "txIndex:long", "logIndex:long");

    private static final List<NodeTable> NODES = List.of(ADDRESS, TRANSFER, ASSET, BLOCK, CHECKPOINT, LABEL, ENTITY,
            LABEL_FILE);
    private static final List<RelTable> RELATIONSHIPS = List.of(IN, OUT, HAS_LABEL, MEMBER_OF, APPROVED);

    private final GraphStore store;
    private final Optional<Chain> chain;
    private final int pageSize;

    /**
     * @param store the graph to export
     * @param chain the one chain to export (its nodes, and the labels and entities its addresses
     *              link to), or empty for the whole graph
     */
    public Neo4jImportExport(GraphStore store, Optional<Chain> chain) {
        this(store, chain, DEFAULT_PAGE_SIZE);
    }

    Neo4jImportExport(GraphStore store, Optional<Chain> chain, int pageSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.chain = Objects.requireNonNull(chain, "chain");
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size must be 1 or more, was " + pageSize);
        }
        this.pageSize = pageSize;
    }

    /**
     * Writes the CSV files and {@code import.sh} into a directory, created if missing; files of an
     * earlier export there are replaced.
     *
     * @param dir the export directory
     * @return what was written, with the import command line
     * @throws IllegalArgumentException if the directory's path has a character the import command
     *                                  cannot carry ({@code ,} separates files for neo4j-admin)
     * @throws IllegalStateException    if the graph holds a property the export has no column for,
     *                                  or of another type than the store writes
     * @throws UncheckedIOException     if a file cannot be written
     */
    public Result export(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (UNSAFE_DIR.matcher(absolute.toString()).find()) {
            throw new IllegalArgumentException("export directory must not contain , \" $ ` or \\ (neo4j-admin and the "
                    + "shell would split or expand it), was " + absolute);
        }
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + absolute, e);
        }
        long started = System.nanoTime();
        Map<Table, ImportCsvFile> files = new LinkedHashMap<>();
        try {
            for (NodeTable t : NODES) {
                files.put(t, new ImportCsvFile(absolute, t.fileName(), t.columns()));
            }
            for (RelTable t : RELATIONSHIPS) {
                files.put(t, new ImportCsvFile(absolute, t.fileName(), t.columns()));
            }
            new Writing(files).run();
        } finally {
            files.values().forEach(ImportCsvFile::close);
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        files.forEach((t, f) -> rows.put(t.name(), f.rows()));
        boolean multiline = files.values().stream().anyMatch(ImportCsvFile::multiline);
        List<String> arguments = adminArguments(files, absolute, multiline);
        writeScript(absolute, multiline);
        LOG.info("exported {} rows to {} in {} ms", rows.values().stream().mapToLong(Long::longValue).sum(), absolute,
                (System.nanoTime() - started) / 1_000_000);
        return new Result(absolute, rows, arguments);
    }

    /** One export run: the pages of each kind, written to their files. */
    private final class Writing {
        private final Map<Table, ImportCsvFile> files;

        Writing(Map<Table, ImportCsvFile> files) {
            this.files = files;
        }

        void run() {
            List<String> chains = chain.map(c -> List.of(c.id())).orElseGet(store::exportChains);
            for (String c : chains) {
                if (Chain.of(c).isUtxo()) {
                    // Their inputs and outputs are edges with properties, which these tables do not carry yet.
                    throw new IllegalStateException("the neo4j-admin export does not carry " + c
                            + " transactions yet; export the account chains one by one with --chain");
                }
            }
            for (String c : chains) {
                store.exportCheckpoints(c).forEach(row -> node(CHECKPOINT, c, map(row.get("node"))));
                pages(-1L, after -> store.exportBlocks(c, after, pageSize),
                        row -> node(BLOCK, c + ":" + row.get("key"), map(row.get("node"))));
                pages("", after -> store.exportAssets(c, after, pageSize),
                        row -> node(ASSET, c + ":" + row.get("key"), map(row.get("node"))));
                pages("", after -> store.exportAddresses(c, after, pageSize), this::address);
            }
            String prefix = chain.map(c -> c.id() + ":").orElse("");
            pages(prefix, after -> store.exportTransfers(after, pageSize),
                    row -> ((String) row.get("key")).startsWith(prefix), this::transfer);
            Optional<String> only = chain.map(Chain::id);
            pages("", after -> store.exportLabels(only, after, pageSize),
                    row -> node(LABEL, (String) row.get("key"), map(row.get("node"))));
            pages("", after -> store.exportEntities(only, after, pageSize),
                    row -> node(ENTITY, (String) row.get("key"), map(row.get("node"))));
            // The files labels came from: few, and the whole audit trail needs them whichever chain.
            pages("", after -> store.exportLabelFiles(after, pageSize),
                    row -> node(LABEL_FILE, (String) row.get("key"), map(row.get("node"))));
        }

        private void address(Map<String, Object> row) {
            Map<String, Object> properties = map(row.get("node"));
            String id = addressId(properties);
            node(ADDRESS, id, properties);
            List<Map<String, Object>> labels = maps(row.get("labels"));
            labels.sort(Comparator.comparing((Map<String, Object> h) -> (String) h.get("label"))
                    .thenComparing(h -> String.valueOf(map(h.get("properties")).get("addedAt"))));
            labels.forEach(h -> relationship(HAS_LABEL, id, (String) h.get("label"), map(h.get("properties"))));
            List<Map<String, Object>> memberships = maps(row.get("memberships"));
            memberships.sort(Comparator.comparing(m -> (String) m.get("entity")));
            memberships.forEach(m -> relationship(MEMBER_OF, id, (String) m.get("entity"), map(m.get("properties"))));
            List<Map<String, Object>> approvals = maps(row.get("approvals"));
            approvals.sort(Comparator.comparing(a -> (String) map(a.get("properties")).get("id")));
            approvals.forEach(a -> relationship(APPROVED, id, addressId(a), map(a.get("properties"))));
        }

        private void transfer(Map<String, Object> row) {
            Map<String, Object> properties = map(row.get("node"));
            String id = (String) row.get("key");
            node(TRANSFER, id, properties);
            addressIds(row.get("payers")).forEach(payer -> relationship(IN, payer, id, Map.of()));
            addressIds(row.get("payees")).forEach(payee -> relationship(OUT, id, payee, Map.of()));
        }

        private void node(NodeTable table, String id, Map<String, Object> properties) {
            String what = table.label() + " " + id;
            table.checkKnown(what, properties.keySet());
            List<Object> values = new ArrayList<>();
            values.add(id);
            values.add(table.label());
            table.properties().forEach(p -> values.add(properties.get(p.name())));
            files.get(table).row(what, values);
        }

        private void relationship(RelTable table, String start, String end, Map<String, Object> properties) {
            String what = ":" + table.type() + " from " + start + " to " + end;
            table.checkKnown(what, properties.keySet());
            List<Object> values = new ArrayList<>(List.of(start, end, table.type()));
            table.properties().forEach(p -> values.add(properties.get(p.name())));
            files.get(table).row(what, values);
        }

        /** Reads page after page, each starting after the last key of the one before. */
        private <K> void pages(K first, Function<K, List<Map<String, Object>>> page,
                               Consumer<Map<String, Object>> each) {
            pages(first, page, row -> true, each);
        }

        /** Reads pages while their rows are {@code within} the range, which ends at the first row that is not. */
        private <K> void pages(K first, Function<K, List<Map<String, Object>>> page,
                               Predicate<Map<String, Object>> within, Consumer<Map<String, Object>> each) {
            List<Map<String, Object>> rows = page.apply(first);
            while (!rows.isEmpty()) {
                for (Map<String, Object> row : rows) {
                    if (!within.test(row)) {
                        return;
                    }
                    each.accept(row);
                }
                if (rows.size() < pageSize) {
                    return;
                }
                @SuppressWarnings("unchecked")
                K last = (K) rows.get(rows.size() - 1).get("key");
                rows = page.apply(last);
            }
        }
    }

    private static String addressId(Map<?, ?> address) {
        return address.get("chain") + ":" + address.get("address");
    }

    private static List<String> addressIds(Object addresses) {
        return maps(addresses).stream().map(Neo4jImportExport::addressId).sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        return new ArrayList<>((List<Map<String, Object>>) value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return (List<String>) value;
    }

    // ------------------------------------------------------------ the command line

    private static List<String> adminArguments(Map<Table, ImportCsvFile> files, Path dir, boolean multiline) {
        List<String> args = new ArrayList<>(List.of("database", "import", "full"));
        files.forEach((t, f) -> args.add((t instanceof NodeTable ? "--nodes=" : "--relationships=") + f.fileList()));
        args.add("--report-file=" + dir.resolve("import.report"));
        if (multiline) {
            args.add("--multiline-fields=true");
        }
        args.add("neo4j");
        return List.copyOf(args);
    }

    /** import.sh names its files relative to where it lies, so the export directory can move. */
    private static void writeScript(Path dir, boolean multiline) {
        StringBuilder s = new StringBuilder("""
                #!/bin/sh
                # Loads this Chaintrail export into a new database of a Neo4j 5 server with
                #   neo4j-admin database import full
                # Stop the server first. The database must not exist yet (a server that has been started
                # once has an empty "neo4j": pass --overwrite-destination=true to replace it).
                # Usage: NEO4J_HOME=/path/to/neo4j sh import.sh [more neo4j-admin options]
                # The database is $NEO4J_DATABASE, default neo4j (Enterprise: then CREATE DATABASE it).
                # Then start the server and run Chaintrail with --neo4j-uri: it creates its constraints and
                # indexes at connect. An empty MEMBER_OF.evidence list arrives absent (no empty arrays in CSV).
                set -eu
                here=$(cd "$(dirname "$0")" && pwd)
                exec "${NEO4J_HOME:?set NEO4J_HOME to the Neo4j server directory}/bin/neo4j-admin" database import full \\
                """);
        for (NodeTable t : NODES) {
            s.append("  --nodes=\"").append(relativeFileList(t)).append("\" \\\n");
        }
        for (RelTable t : RELATIONSHIPS) {
            s.append("  --relationships=\"").append(relativeFileList(t)).append("\" \\\n");
        }
        s.append("  --report-file=\"$here/import.report\" \\\n");
        if (multiline) {
            s.append("  --multiline-fields=true \\\n");
        }
        s.append("  \"$@\" \"${NEO4J_DATABASE:-neo4j}\"\n");
        Path script = dir.resolve("import.sh");
        try {
            Files.writeString(script, s, StandardCharsets.UTF_8);
            if (Files.getFileStore(script).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + script, e);
        }
    }

    private static String relativeFileList(Table t) {
        return "$here/" + t.fileName() + "-header.csv,$here/" + t.fileName() + ".csv";
    }

    /**
     * What an export wrote.
     *
     * @param dir            the export directory, absolute
     * @param rows           rows per node label and per relationship type (relationship types with
     *                       a leading {@code :}), in file order
     * @param adminArguments the arguments of {@code neo4j-admin} that import the files into the
     *                       database {@code neo4j}, with absolute paths
     */
    public record Result(Path dir, Map<String, Long> rows, List<String> adminArguments) {
        public Result {
            Objects.requireNonNull(dir, "dir");
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
            adminArguments = List.copyOf(adminArguments);
        }

        /** The import as one shell command, run where {@code NEO4J_HOME} names the stopped server. */
        public String commandLine() {
            return "\"$NEO4J_HOME\"/bin/neo4j-admin "
                    + adminArguments.stream().map(Result::shellWord).collect(Collectors.joining(" "));
        }

        /** A line for people: nodes and relationships per kind. */
        public String describe() {
            return rows.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ", "exported ", " to " + dir));
        }

        private static String shellWord(String word) {
            return word.matches("[A-Za-z0-9_./=,:@%+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
        }
    }

    // ------------------------------------------------------------ the tables

    private sealed interface Table permits NodeTable, RelTable {
        /** The key in {@link Result#rows()}: the node label, or the relationship type after a colon. */
        String name();

        String fileName();

        List<Column> columns();

        List<Column> properties();

        /** Fails on a property without a column: the import would drop it. */
        default void checkKnown(String what, Set<String> stored) {
            Set<String> known = new HashSet<>();
            properties().forEach(p -> known.add(p.name()));
            idProperty().ifPresent(known::add);
            for (String property : stored) {
                if (!known.contains(property)) {
                    throw new IllegalStateException(what + " has property '" + property + "', for which the "
                            + "neo4j-admin export has no column; add it to " + Neo4jImportExport.class.getSimpleName());
                }
            }
        }

        default Optional<String> idProperty() {
            return Optional.empty();
        }
    }

    /** A node label: an id column in the label's own id space, a :LABEL column, the properties. */
    private record NodeTable(String label, String idName, List<Column> properties) implements Table {
        NodeTable(String label, String idName, String... properties) {
            this(label, idName, Arrays.stream(properties).map(Column::parse).toList());
        }

        @Override
        public String name() {
            return label;
        }

        @Override
        public String fileName() {
            return "node-" + label;
        }

        @Override
        public Optional<String> idProperty() {
            return Optional.ofNullable(idName);
        }

        /** A named id column stores the id as that property too (a string). */
        @Override
        public List<Column> columns() {
            List<Column> columns = new ArrayList<>();
            columns.add(new Column((idName == null ? "" : idName) + ":ID(" + label + ")", ImportCsvFile.Kind.STRING));
            columns.add(new Column(":LABEL", ImportCsvFile.Kind.STRING));
            columns.addAll(properties);
            return columns;
        }
    }

    /** A relationship type: start and end ids in their labels' id spaces, a :TYPE column, the properties. */
    private record RelTable(String type, NodeTable start, NodeTable end, List<Column> properties) implements Table {
        RelTable(String type, NodeTable start, NodeTable end, String... properties) {
            this(type, start, end, Arrays.stream(properties).map(Column::parse).toList());
        }

        @Override
        public String name() {
            return ":" + type;
        }

        @Override
        public String fileName() {
            return "rel-" + type;
        }

        @Override
        public List<Column> columns() {
            List<Column> columns = new ArrayList<>();
            columns.add(new Column(":START_ID(" + start.label() + ")", ImportCsvFile.Kind.STRING));
            columns.add(new Column(":END_ID(" + end.label() + ")", ImportCsvFile.Kind.STRING));
            columns.add(new Column(":TYPE", ImportCsvFile.Kind.STRING));
            columns.addAll(properties);
            return columns;
        }
    }
}
