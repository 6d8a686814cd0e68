package org.chaintrail.model;

import java.util.Objects;
import java.util.Optional;

/**
 * An address under investigation in a case.
 *
 * @param chain   its chain
 * @param address canonical form ({@link Chain#canonicalAddress})
 * @param note    why it is in the case
 * @param added   who added it, and when
 */
public record CaseAddress(Chain chain, String address, Optional<String> note, Authored added) {
    public CaseAddress {
        Objects.requireNonNull(chain, "chain");
        address = chain.canonicalAddress(address);
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(added, "added");
    }
}
