package org.chaintrail.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a saved trace keeps beside its query so that a re-run can say whether its figures changed
 * and why: the result itself, the hashes of the blocks it rests on (a reorganisation that rewrote
 * one shows as a different hash) and the attribution of its addresses when saved.
 *
 * @param result       the result's JSON, byte for byte as it was answered
 * @param blockHashes  block number → hash, for the blocks of its flows and its snapshot block
 * @param attributions the labels and entity of its attributed addresses as JSON; an address not in
 *                     it had none
 */
public record TraceEvidence(String result, SortedMap<Long, String> blockHashes, String attributions) {
    public TraceEvidence {
        Objects.requireNonNull(result, "result");
        blockHashes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(blockHashes));
        Objects.requireNonNull(attributions, "attributions");
    }

    /** Hex SHA-256 of the result's UTF-8 bytes: what a court copy of the JSON export is checked against. */
    public String resultSha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(result.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
