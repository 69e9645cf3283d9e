package io.github.imhistory.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A seq space (a group, a topic, an official account): seqs 1..newest, where listed seqs hold an entry and every
 * other seq is an expired hole (GRP-HOLE-003, OA-HOLE-002). Pages walk down from a start seq, so a page costs a
 * binary search plus its own length (and any run of hidden recalled messages it skips).
 */
final class SeqStore {
    private final ArrayList<SeqEntry> entries = new ArrayList<>();
    /** Smallest seq whose entry is not EXPIRED, for OA IsFinished=2; Long.MAX_VALUE when none. */
    private long firstLiveSeq = Long.MAX_VALUE;

    void addAll(List<SeqEntry> list) {
        entries.addAll(list);
        entries.sort(Comparator.comparingLong(e -> e.seq));
        // a repeated seq keeps the first entry: a seq names one message (GRP-ORDER-001)
        int w = 0;
        for (int r = 0; r < entries.size(); r++) {
            if (w == 0 || entries.get(w - 1).seq != entries.get(r).seq) {
                entries.set(w++, entries.get(r));
            }
        }
        entries.subList(w, entries.size()).clear();
        recomputeFirstLive();
    }

    boolean add(SeqEntry e) {
        int i = indexAtOrBelow(e.seq);
        if (i >= 0 && entries.get(i).seq == e.seq) {
            return false;
        }
        entries.add(i + 1, e);
        recomputeFirstLive();
        return true;
    }

    long newest() {
        return entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq;
    }

    SeqEntry get(long seq) {
        int i = indexAtOrBelow(seq);
        return i >= 0 && entries.get(i).seq == seq ? entries.get(i) : null;
    }

    boolean recall(long seq) {
        SeqEntry e = get(seq);
        if (e == null || e.state() != SeqEntry.State.NORMAL) {
            return false;
        }
        e.recall();
        recomputeFirstLive();
        return true;
    }

    /** True when every seq below {@code seq} is an expired hole (and at least one such seq exists). */
    boolean allExpiredBelow(long seq) {
        return seq > 1 && firstLiveSeq >= seq;
    }

    /** A returned slot: the entry at a seq, or null for an unlisted (expired) seq. */
    record Slot(long seq, SeqEntry entry) {
        boolean expiredHole() {
            return entry == null || entry.state() == SeqEntry.State.EXPIRED;
        }
    }

    /**
     * Up to {@code count} slots with seq <= start, descending, skipping recalled entries unless
     * {@code withRecalled} (GRP-PAGE-004, GRP-PAGE-005, OA-PAGE-005).
     */
    List<Slot> pageDown(long start, int count, boolean withRecalled) {
        List<Slot> page = new ArrayList<>(Math.min(count, 32));
        long seq = Math.min(start, newest());
        int i = indexAtOrBelow(seq);
        while (seq >= 1 && page.size() < count) {
            if (i >= 0 && entries.get(i).seq == seq) {
                SeqEntry e = entries.get(i--);
                if (withRecalled || e.state() != SeqEntry.State.RECALLED) {
                    page.add(new Slot(seq, e));
                }
            } else {
                page.add(new Slot(seq, null));
            }
            seq--;
        }
        return page;
    }

    int size() {
        return entries.size();
    }

    private int indexAtOrBelow(long seq) {
        int lo = 0, hi = entries.size() - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).seq <= seq) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private void recomputeFirstLive() {
        firstLiveSeq = Long.MAX_VALUE;
        for (SeqEntry e : entries) {
            if (e.state() != SeqEntry.State.EXPIRED) {
                firstLiveSeq = e.seq;
                return;
            }
        }
    }
}
