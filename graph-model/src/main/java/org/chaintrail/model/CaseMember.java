package org.chaintrail.model;

import java.util.Objects;

/**
 * A key name allowed to see a case besides its creator and the admins.
 *
 * @param name  the key's name
 * @param added who allowed it, and when
 */
public record CaseMember(String name, Authored added) {
    public CaseMember {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a member must be named, was '" + name + "'");
        }
        Objects.requireNonNull(added, "added");
    }
}
