package org.chaintrail.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * An address a case watches: when funds from it reach a terminal (an exchange, a mixer, an OTC
 * desk, a sanctioned party) within {@code maxHops} under {@code model}, an {@link Alert} is raised.
 *
 * @param id             the watch's id
 * @param caseId         the case it belongs to
 * @param chain          the chain
 * @param address        the watched address, canonical form
 * @param asset          the asset followed: its key, a token contract or {@link Asset#NATIVE}
 * @param model          the taint model's name ({@code haircut}, {@code poison}, {@code fifo})
 * @param maxHops        transfers from the watched address beyond which funds are not followed, 1 or more
 * @param sinceBlock     the first block whose transfers are followed
 * @param addedBy        who added it (an API key's name, or the OS user)
 * @param addedAt        when, kept to the millisecond
 * @param checkedThrough the last block the latest check covered; empty before the first check
 */
public record Watch(String id, String caseId, Chain chain, String address, String asset, String model, int maxHops,
                    long sinceBlock, String addedBy, Instant addedAt, OptionalLong checkedThrough) {
    public Watch {
        requireText(id, "id");
        requireText(caseId, "case id");
        Objects.requireNonNull(chain, "chain");
        address = chain.canonicalAddress(address);
        requireText(asset, "asset");
        requireText(model, "model");
        if (maxHops < 1) {
            throw new IllegalArgumentException("max hops must be 1 or more, was " + maxHops);
        }
        if (sinceBlock < 0) {
            throw new IllegalArgumentException("since block must not be negative, was " + sinceBlock);
        }
        requireText(addedBy, "who added the watch");
        addedAt = Objects.requireNonNull(addedAt, "addedAt").truncatedTo(ChronoUnit.MILLIS);
        Objects.requireNonNull(checkedThrough, "checkedThrough");
    }

    /** The same watch, with the last block a check covered. */
    public Watch checkedThrough(long block) {
        return new Watch(id, caseId, chain, address, asset, model, maxHops, sinceBlock, addedBy, addedAt,
                OptionalLong.of(block));
    }

    static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required, was '" + value + "'");
        }
    }
}
