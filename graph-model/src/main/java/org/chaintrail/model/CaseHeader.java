package org.chaintrail.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a case is, who opened it and who else may see it.
 *
 * @param id          {@code case-<n>}, numbered in the order cases were opened
 * @param title       short title
 * @param description what the case is about
 * @param created     who opened it, and when
 * @param members     the other key names that may see it, in the order they were added
 */
public record CaseHeader(String id, String title, Optional<String> description, Authored created,
                         List<CaseMember> members) {
    public CaseHeader {
        Objects.requireNonNull(id, "id");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a case needs a title");
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(created, "created");
        members = List.copyOf(members);
    }

    /** Its creator, its members and admins see a case; to anyone else it does not exist. */
    public boolean visibleTo(String name, boolean admin) {
        return managedBy(name, admin) || members.stream().anyMatch(m -> m.name().equals(name));
    }

    /** Only its creator and admins decide who else sees a case. */
    public boolean managedBy(String name, boolean admin) {
        return admin || created.by().equals(name);
    }
}
