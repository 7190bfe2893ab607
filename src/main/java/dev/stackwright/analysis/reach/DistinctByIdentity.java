package dev.stackwright.analysis.reach;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Elements each kept once by identity, in the order first added. The reports and the policy gather the member lists
 * and parts that tens of thousands of rows share: most rows hold a few, added again and again in a row, so the last
 * one and then a short scan answer before a set is made (an identity map per row was a tenth of a large account's
 * garbage).
 */
public final class DistinctByIdentity<T> {
    private static final int SCANNED = 8;

    private final List<T> elements = new ArrayList<>(2);
    private @Nullable Map<T, Boolean> seen;

    /** Adds {@code element} unless this very object is already here; whether it was added. */
    public boolean add(T element) {
        if (!elements.isEmpty() && elements.getLast() == element) {
            return false;
        }
        Map<T, Boolean> set = seen;
        if (set != null) {
            if (set.put(element, true) != null) {
                return false;
            }
            elements.add(element);
            return true;
        }
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) == element) {
                return false;
            }
        }
        elements.add(element);
        if (elements.size() > SCANNED) {
            set = new IdentityHashMap<>();
            for (T e : elements) {
                set.put(e, true);
            }
            seen = set;
        }
        return true;
    }

    /** The elements, in the order first added (a live view: do not add while reading it). */
    public List<T> elements() {
        return elements;
    }
}
