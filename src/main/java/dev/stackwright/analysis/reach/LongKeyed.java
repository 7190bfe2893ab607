package dev.stackwright.analysis.reach;

import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cache from numeric keys to values, for the engine's hot lookups. A {@code HashMap<Long, V>} boxes every key, and
 * keys built as {@code a * n + b} fall into few of its buckets (a long's hash keeps its low bits): on a
 * 10,000-interface account the connections spent a tenth of their time in collided buckets. Open addressing over a
 * mixed hash keeps one probe for most lookups.
 */
public final class LongKeyed<V> {
    private long[] keys = new long[64];
    private @Nullable Object[] values = new Object[64];
    private int size;

    /** The value for {@code key}, computed once by {@code compute} (which must not return null). */
    @SuppressWarnings("unchecked") // only values of type V are stored
    public V computeIfAbsent(long key, LongFunction<V> compute) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (true) {
            Object v = values[i];
            if (v == null) {
                break;
            }
            if (keys[i] == key) {
                return (V) v;
            }
            i = (i + 1) & mask;
        }
        V value = compute.apply(key);
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        // Probed again: the table may have grown, or the computation may have filled the slot.
        mask = keys.length - 1;
        i = slot(key, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
        return value;
    }

    /** The value for {@code key}, or null: with {@link #put}, for callers whose computation would capture a lambda. */
    @SuppressWarnings("unchecked") // only values of type V are stored
    public @Nullable V get(long key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                return (V) values[i];
            }
        }
        return null;
    }

    /** Stores {@code value} (not null) for {@code key}, replacing what it had. */
    public void put(long key, V value) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        if (2 * (size + 1) > keys.length) {
            grow();
            mask = keys.length - 1;
        }
        int i = slot(key, mask);
        while (values[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] != null) {
                int i = slot(oldKeys[j], mask);
                while (values[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }
}
