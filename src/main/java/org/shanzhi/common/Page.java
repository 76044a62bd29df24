package org.shanzhi.common;

import java.util.List;
import java.util.function.Function;

/** One page of a list; every list the platform serves is paged. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }

    public int pages() {
        return size == 0 ? 0 : (int) ((total + size - 1) / size);
    }

    /** Checks a requested page/size; a size over {@link #MAX_SIZE} is a named error, not a silent cap. */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "页码不能为负数 / page must be ≥ 0");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "每页条数须在 1 到 " + MAX_SIZE + " 之间 / size must be 1.." + MAX_SIZE);
        }
    }
}
