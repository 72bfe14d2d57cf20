package io.plimsoll.ecosystem.java;

import java.util.ArrayList;
import java.util.List;

/**
 * The items of a whole version, or of the part after a {@code -} or after a switch between letters and digits.
 * A nested list sorts below a number and above a qualifier in the same place: {@code 1-1 < 1.1} and
 * {@code 1-1 > 1-sp}.
 */
final class MavenItemList implements MavenItem {

    private final List<MavenItem> items = new ArrayList<>();

    void add(MavenItem item) {
        items.add(item);
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /**
     * Drops trailing items that mean nothing, so {@code 1.0.0 == 1} and {@code 1-final == 1}. It walks back past
     * nested lists without stopping (a list is never removed while it has items), which is why
     * {@code 1.0-1} becomes {@code 1-1}.
     */
    void normalize() {
        for (int i = items.size() - 1; i >= 0; i--) {
            MavenItem last = items.get(i);
            if (last.isNull()) {
                items.remove(i);
            } else if (!(last instanceof MavenItemList)) {
                break;
            }
        }
    }

    @Override
    public int compareTo(MavenItem other) {
        if (other == null) {
            // Maven 3.9 (MNG-6964) looks at every item, not only the first, when the other side has run out.
            for (MavenItem item : items) {
                int c = item.compareTo(null);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if (other instanceof MavenNumber) {
            return -1;
        }
        if (other instanceof MavenQualifier) {
            return 1;
        }
        List<MavenItem> theirs = ((MavenItemList) other).items;
        for (int i = 0; i < Math.max(items.size(), theirs.size()); i++) {
            MavenItem mine = i < items.size() ? items.get(i) : null;
            MavenItem their = i < theirs.size() ? theirs.get(i) : null;
            int c;
            if (mine == null) {
                c = their == null ? 0 : -Integer.signum(their.compareTo(null));
            } else {
                c = mine.compareTo(their);
            }
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public boolean isNull() {
        return items.isEmpty();
    }

    /** Maven's canonical form: {@code .} before plain items, {@code -} before nested lists. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (MavenItem item : items) {
            if (sb.length() > 0) {
                sb.append(item instanceof MavenItemList ? '-' : '.');
            }
            sb.append(item);
        }
        return sb.toString();
    }
}
