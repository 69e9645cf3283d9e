package io.github.imhistory.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A seq space (a group, a topic, an official account): seqs firstSeq..newest (firstSeq is 1 unless the scenario says
 * where the stream begins), where listed seqs hold an entry and every other seq is an expired hole (GRP-HOLE-003,
 * OA-HOLE-002); seqs below firstSeq do not exist. Pages walk down from a start seq, so a page costs a binary search
 * plus its own length (and any run of hidden recalled messages it skips).
 */
final class SeqStore {
    /** A scenario that walks a stream with more implicit expired holes than this is refused: say where it begins. */
    static final long MAX_WALKED_HOLES = 100_000;

    private final ArrayList<SeqEntry> entries = new ArrayList<>();
    private long firstSeq = 1;
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

    /** The first seq of the stream; seqs below it do not exist. */
    long firstSeq() {
        return firstSeq;
    }

    void firstSeq(long seq) {
        this.firstSeq = Math.max(1, seq);
    }

    /** Unlisted seqs between firstSeq and the newest: the stream's implicit expired holes. */
    long implicitHoles() {
        long listed = entries.stream().filter(e -> e.seq >= firstSeq).count();
        return entries.isEmpty() ? 0 : newest() - firstSeq + 1 - listed;
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
        return seq > firstSeq && firstLiveSeq >= seq;
    }

    /**
     * Whether some seq below {@code seq} would be returned by a page (GRP-FIN-003, OA-FIN-003): an unlisted seq (an
     * expired hole), or a listed entry that is not a hidden recalled message.
     */
    boolean returnableBelow(long seq, boolean withRecalled) {
        if (seq <= firstSeq) {
            return false;
        }
        int i = indexAtOrBelow(seq - 1);
        int lo = indexAtOrBelow(firstSeq - 1);
        long listed = i - lo;
        if (listed < seq - firstSeq) {
            return true; // some seq in [firstSeq, seq) is not listed: an expired hole
        }
        for (int k = i; k > lo; k--) {
            if (withRecalled || entries.get(k).state() != SeqEntry.State.RECALLED) {
                return true;
            }
        }
        return false;
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
        while (seq >= firstSeq && page.size() < count) {
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
