package org.chaintrail.ingest.bitcoin;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chaintrail.ingest.IngestException;
import org.chaintrail.model.UtxoBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocks from Bitcoin Core's {@code blk*.dat} files in chain order. Core writes blocks as they
 * arrive, out of order, so this follows parent hashes from a start: the genesis block (whose
 * parent is 32 zero bytes) or the block after one already stored.
 *
 * <p>Blocks that arrive before their parent wait in a map of at most {@code maxPending} headers
 * and file positions (their bytes are read only when their turn comes). On resume, until the
 * start block has been read, the oldest waiting blocks are dropped when the map is full (they
 * are the chain before the start), and when it is read, the waiting blocks stamped a day or more
 * before it are dropped too. After that a full map is an error: the files are further out of
 * order than the bound, or the next block is missing. Blocks before the start are never parsed
 * beyond their 80-byte header.
 *
 * <p><b>Stale blocks.</b> When a block has two children, the one whose branch continues further
 * among the blocks read so far is followed; reading goes on while the branches are equally long,
 * and at the end of the files the first written wins (Core's first-seen rule). A block is
 * followed only once a child of it has been read (or the files end), so a stale block written
 * before its winning sibling is not followed. A block whose parent was passed over is stale and
 * skipped. If a skipped branch ends up higher than the followed tip (a reorganisation of more
 * than one block written loser first), {@link #nextBlock} fails rather than end on the wrong branch.
 *
 * <p>Memory: the pending map, and the last {@code maxPending} followed and skipped hashes.
 */
public final class BlkChainReader implements UtxoBlockSource {
    /** Enough for Core's download window (1,024 blocks ahead) several times over. */
    public static final int DEFAULT_MAX_PENDING = 10_000;
    private static final long HISTORY_SECONDS = 24 * 60 * 60;
    private static final Logger LOG = LoggerFactory.getLogger(BlkChainReader.class);

    private final BlkFileReader files;
    private final RawBlockParser parser = new RawBlockParser();
    private final String start;
    private final int maxPending;
    private final LinkedHashMap<String, BlkRecord> pending = new LinkedHashMap<>();
    private final Map<String, List<BlkRecord>> children = new HashMap<>();
    private final Map<String, Long> followed;
    private final Map<String, Long> skipped;
    private String tip;
    private long nextHeight;
    private boolean startSeen;
    private boolean exhausted;
    private boolean followedAny;
    private long highestSkipped = -1;

    /**
     * @param files      the block files
     * @param parentHash the hash of the block before the first one wanted (display order); 64
     *                   zeros to start at the genesis block
     * @param firstHeight the height of the first block wanted
     * @param maxPending how many blocks may wait for their parent
     */
    public BlkChainReader(BlkFileReader files, String parentHash, long firstHeight, int maxPending) {
        if (maxPending < 1) {
            throw new IllegalArgumentException("max pending blocks must be 1 or more, was " + maxPending);
        }
        if (firstHeight < 0) {
            throw new IllegalArgumentException("first height must not be negative, was " + firstHeight);
        }
        this.files = files;
        this.start = parentHash;
        this.tip = parentHash;
        this.nextHeight = firstHeight;
        this.maxPending = maxPending;
        this.startSeen = parentHash.equals(BlockHeader.NO_PARENT);
        this.followed = boundedMap(maxPending);
        this.skipped = boundedMap(maxPending);
        followed.put(parentHash, firstHeight - 1);
    }

    /** All blocks from the genesis block. */
    public static BlkChainReader fromGenesis(Path directory) {
        return new BlkChainReader(new BlkFileReader(directory), BlockHeader.NO_PARENT, 0, DEFAULT_MAX_PENDING);
    }

    /** The blocks after one already stored, given its hash and height. */
    public static BlkChainReader resumeAfter(Path directory, String knownHash, long knownHeight) {
        return new BlkChainReader(new BlkFileReader(directory), knownHash, knownHeight + 1, DEFAULT_MAX_PENDING);
    }

    /**
     * One block in chain order with its height.
     *
     * @param height the height
     * @param block  the parsed block
     */
    public record Ordered(long height, RawBlock block) {
    }

    /**
     * The next block of the chain.
     *
     * @return empty when the files hold no further block of the chain
     * @throws BitcoinParseException if a file is malformed (naming file and offset)
     * @throws IngestException       if the start is not in the files, too many blocks wait for
     *                               their parent, or a skipped branch outgrew the followed one
     */
    public Optional<Ordered> nextBlock() {
        while (true) {
            List<BlkRecord> candidates = children.getOrDefault(tip, List.of());
            if (!candidates.isEmpty()) {
                Optional<BlkRecord> chosen = choose(candidates);
                if (chosen.isPresent()) {
                    return Optional.of(follow(chosen.get(), candidates));
                }
            }
            if (!readOne()) {
                if (candidates.isEmpty()) {
                    return finish();
                }
            }
        }
    }

    @Override
    public Optional<UtxoBlock> next() {
        return nextBlock().map(ordered -> ordered.block().toUtxoBlock(ordered.height()));
    }

    @Override
    public String describe() {
        return "blk files in " + files.directory();
    }

    @Override
    public void close() {
        files.close();
    }

    /** The child to follow, or empty to read on before deciding. */
    private Optional<BlkRecord> choose(List<BlkRecord> candidates) {
        if (candidates.size() == 1) {
            BlkRecord only = candidates.get(0);
            return exhausted || children.containsKey(only.header().hash()) ? Optional.of(only) : Optional.empty();
        }
        BlkRecord best = null;
        int bestDepth = -1;
        boolean tie = false;
        for (BlkRecord candidate : candidates) {
            int depth = depth(candidate.header().hash());
            if (depth > bestDepth) {
                best = candidate;
                bestDepth = depth;
                tie = false;
            } else if (depth == bestDepth) {
                tie = true;
            }
        }
        return !tie || exhausted ? Optional.of(best) : Optional.empty();
    }

    private Ordered follow(BlkRecord chosen, List<BlkRecord> candidates) {
        children.remove(tip);
        for (BlkRecord candidate : candidates) {
            pending.remove(candidate.header().hash());
            if (candidate != chosen) {
                skipBranch(candidate, nextHeight);
            }
        }
        byte[] bytes = files.read(chosen);
        RawBlock block;
        try {
            block = parser.parse(bytes);
        } catch (BitcoinParseException e) {
            throw new BitcoinParseException(chosen.file() + " block at offset " + chosen.offset() + " (height "
                    + nextHeight + "): " + e.getMessage(), chosen.offset() + e.offset(), e);
        }
        Ordered ordered = new Ordered(nextHeight, block);
        tip = chosen.header().hash();
        followed.put(tip, nextHeight);
        nextHeight++;
        followedAny = true;
        return ordered;
    }

    /** Reads the next record into the pending map; false when the files are done. */
    private boolean readOne() {
        if (exhausted) {
            return false;
        }
        Optional<BlkRecord> next = files.next();
        if (next.isEmpty()) {
            exhausted = true;
            return false;
        }
        BlkRecord record = next.get();
        String hash = record.header().hash();
        String parent = record.header().prevHash();
        if (hash.equals(start)) {
            forgetHistory(record.header().time());
            return true;
        }
        if (pending.containsKey(hash) || followed.containsKey(hash) || skipped.containsKey(hash)) {
            return true; // the same block written twice
        }
        Long parentHeight = followed.get(parent);
        if (parentHeight != null && !parent.equals(tip)) {
            markSkipped(hash, parentHeight + 1);
            return true;
        }
        Long skippedParent = skipped.get(parent);
        if (skippedParent != null) {
            markSkipped(hash, skippedParent + 1);
            return true;
        }
        pending.put(hash, record);
        children.computeIfAbsent(parent, p -> new ArrayList<>(1)).add(record);
        if (pending.size() > maxPending) {
            if (startSeen || followedAny) {
                throw new IngestException(describe() + ": more than " + maxPending + " blocks wait for their parent"
                        + " while the chain waits for a child of " + tip + " (height " + (nextHeight - 1) + ");"
                        + " the files are further out of order than that, or that block's child is missing");
            }
            evictOldest();
        }
        return true;
    }

    private Optional<Ordered> finish() {
        if (!followedAny && (!startSeen || start.equals(BlockHeader.NO_PARENT))) {
            throw new IngestException(describe() + ": no block follows " + start
                    + (start.equals(BlockHeader.NO_PARENT) ? " (the genesis block is missing)" : ", and it is not in the files"));
        }
        if (highestSkipped >= nextHeight) {
            throw new IngestException(describe() + ": a skipped branch reaches height " + highestSkipped
                    + ", above the followed tip " + tip + " at height " + (nextHeight - 1)
                    + "; the files hold a reorganisation this reader cannot follow");
        }
        if (!pending.isEmpty()) {
            LOG.warn("{}: the chain ends at {} (height {}); {} later blocks wait for a parent that is not in the files",
                    describe(), tip, nextHeight - 1, pending.size());
        }
        return Optional.empty();
    }

    /**
     * The start block has been read: what waits now and is stamped a day or more before it is
     * history (no descendant can be: median-time-past keeps a chain's times within hours of the
     * clock), and, once dropped, the map is bounded by the blocks still to come.
     */
    private void forgetHistory(long startTime) {
        startSeen = true;
        pending.values().removeIf(record -> record.header().time() < startTime - HISTORY_SECONDS);
        children.values().forEach(list -> list.removeIf(record -> !pending.containsKey(record.header().hash())));
        children.values().removeIf(List::isEmpty);
    }

    /** Before the start is found: the oldest waiting blocks are the chain before it. */
    private void evictOldest() {
        Iterator<Map.Entry<String, BlkRecord>> oldest = pending.entrySet().iterator();
        BlkRecord record = oldest.next().getValue();
        oldest.remove();
        List<BlkRecord> siblings = children.get(record.header().prevHash());
        siblings.remove(record);
        if (siblings.isEmpty()) {
            children.remove(record.header().prevHash());
        }
    }

    /** Drops a passed-over child of the tip and everything waiting on it. */
    private void skipBranch(BlkRecord root, long height) {
        Deque<Map.Entry<BlkRecord, Long>> todo = new ArrayDeque<>();
        todo.add(Map.entry(root, height));
        while (!todo.isEmpty()) {
            Map.Entry<BlkRecord, Long> entry = todo.poll();
            String hash = entry.getKey().header().hash();
            pending.remove(hash);
            markSkipped(hash, entry.getValue());
            for (BlkRecord child : children.getOrDefault(hash, List.of())) {
                todo.add(Map.entry(child, entry.getValue() + 1));
            }
            children.remove(hash);
        }
    }

    private void markSkipped(String hash, long height) {
        skipped.put(hash, height);
        highestSkipped = Math.max(highestSkipped, height);
    }

    /** How many generations of waiting blocks descend from a block, itself included. */
    private int depth(String hash) {
        int depth = 0;
        List<String> level = List.of(hash);
        while (!level.isEmpty()) {
            depth++;
            List<String> next = new ArrayList<>();
            for (String h : level) {
                for (BlkRecord child : children.getOrDefault(h, List.of())) {
                    next.add(child.header().hash());
                }
            }
            level = next;
        }
        return depth;
    }

    private static <V> Map<String, V> boundedMap(int capacity) {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}
