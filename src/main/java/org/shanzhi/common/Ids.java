package org.shanzhi.common;

import com.github.f4b6a3.tsid.TsidFactory;

/**
 * Time-ordered 64-bit ids made in the app (TSID): unique across databases without a central sequence,
 * so a county's rows can move to another shard unchanged.
 */
public final class Ids {

    private static final TsidFactory FACTORY = TsidFactory.builder()
            .withNodeBits(10)
            .withNode(Integer.getInteger("shanzhi.node", (int) (ProcessHandle.current().pid() % 1024)))
            .build();

    private Ids() {
    }

    public static long next() {
        return FACTORY.create().toLong();
    }
}
