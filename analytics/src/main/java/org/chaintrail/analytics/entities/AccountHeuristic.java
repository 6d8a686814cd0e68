package org.chaintrail.analytics.entities;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The opt-in rules that say two addresses of an account chain (Ethereum, Tron, ...) have one
 * owner, from F. Victor, "Address Clustering Heuristics for Ethereum", Financial Cryptography and
 * Data Security 2020, LNCS 12059, pp. 617–633. The paper's third rule, deposit addresses, is always
 * applied ({@link DepositAddressHeuristic}); these two make mistakes an investigator should choose
 * to accept, each described on its class. Both only ever join addresses that no label or entity
 * names as a service, so a heuristic never makes a customer part of an exchange, nor joins two
 * services.
 */
public enum AccountHeuristic {
    /** Several recipients of one airdrop forward the token to one address: {@link AirdropHeuristic}. */
    AIRDROP("airdrop"),
    /** An owner lets its own other address spend its tokens: {@link SelfAuthorisationHeuristic}. */
    SELF_AUTHORISATION("self-authorisation");

    private final String flag;

    AccountHeuristic(String flag) {
        this.flag = flag;
    }

    /** The name in CLI flags and on memberships ({@code MEMBER_OF.via}): {@code self-authorisation}. */
    public String flag() {
        return flag;
    }

    /**
     * Finds a rule by its flag, in any case.
     *
     * @throws IllegalArgumentException naming the flag and the known ones
     */
    public static AccountHeuristic ofFlag(String flag) {
        for (AccountHeuristic h : values()) {
            if (h.flag.equals(flag == null ? null : flag.trim().toLowerCase(Locale.ROOT))) {
                return h;
            }
        }
        throw new IllegalArgumentException("unknown account heuristic '" + flag + "', expected one of "
                + Arrays.stream(values()).map(AccountHeuristic::flag).collect(Collectors.joining(", ")));
    }
}
