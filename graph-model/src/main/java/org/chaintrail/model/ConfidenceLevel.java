package org.chaintrail.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The GraphSense TagPack confidence levels: how far an attribution can be trusted, by where it
 * came from, with the level (0–100) the taxonomy gives each. Source: graphsense/graphsense-tagpack-tool,
 * {@code src/tagpack/db/confidence.csv} at commit fcddd3ad04a4a22f008f2ab492160e4b8674dec2.
 */
public enum ConfidenceLevel {
    OVERRIDE("override", 100),
    OWNERSHIP("ownership", 100),
    LEDGER_IMMANENT("ledger_immanent", 100),
    MANUAL_TRANSACTION("manual_transaction", 90),
    SERVICE_API("service_api", 70),
    FORENSIC_INVESTIGATION("forensic_investigation", 70),
    /** Tags from public authorities, such as OFAC. */
    AUTHORITY_DATA("authority_data", 60),
    TRUSTED_PROVIDER("trusted_provider", 50),
    SERVICE_DATA("service_data", 50),
    FORENSIC("forensic", 50),
    UNTRUSTED_TRANSACTION("untrusted_transaction", 40),
    WEB_CRAWL("web_crawl", 20),
    HEURISTIC("heuristic", 10),
    UNKNOWN("unknown", 5);

    private final String id;
    private final int level;

    ConfidenceLevel(String id, int level) {
        this.id = id;
        this.level = level;
    }

    /** The id as TagPacks write it ({@code authority_data}). */
    public String id() {
        return id;
    }

    /** The taxonomy's level, 5 (unknown) to 100 (ownership). */
    public int level() {
        return level;
    }

    /** The level with this id, exactly as TagPacks write it. */
    public static Optional<ConfidenceLevel> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The level an id names; a missing or unknown id is {@link #UNKNOWN}. */
    public static ConfidenceLevel ofId(Optional<String> id) {
        return id.flatMap(ConfidenceLevel::of).orElse(UNKNOWN);
    }

    /** The lower of two levels: an attribution carried over a link is worth no more than the link. */
    public static ConfidenceLevel weakest(ConfidenceLevel a, ConfidenceLevel b) {
        return b.level < a.level ? b : a;
    }

    /**
     * What a clustering link is worth on this scale. Common-input ownership and the
     * deposit-address rule fail only in known, rare ways (an undetected CoinJoin, a wallet that
     * only ever cashed out at one exchange): {@link #FORENSIC}. Change, airdrop and
     * self-authorisation rules guess: {@link #HEURISTIC}, as GraphSense rates heuristic tags.
     *
     * @param via the rule's name, as {@code MEMBER_OF.via} records it
     */
    public static ConfidenceLevel ofLink(String via) {
        return switch (via) {
            case "common-input", "deposit-address" -> FORENSIC;
            default -> HEURISTIC;
        };
    }
}
