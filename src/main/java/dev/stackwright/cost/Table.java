package dev.stackwright.cost;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns padded to their widest cell, chosen columns right-aligned, no trailing spaces. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;

    Table(boolean... rightAligned) {
        this.right = rightAligned;
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void render(StringBuilder out, String indent) {
        int columns = right.length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns && i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                String cell = i < r.length ? r[i] : "";
                String padded = right[i] ? " ".repeat(width[i] - cell.length()) + cell : cell + " ".repeat(width[i] - cell.length());
                line.append(padded);
                if (i < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
