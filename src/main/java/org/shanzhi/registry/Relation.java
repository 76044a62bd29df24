package org.shanzhi.registry;

import java.util.List;

/** 与户主关系: the relations the household registers use. */
public final class Relation {

    public static final String HEAD = "户主";
    public static final List<String> ALL = List.of(HEAD, "配偶", "子", "女", "儿媳", "女婿", "孙子", "孙女", "父亲", "母亲",
            "兄弟", "姐妹", "祖父", "祖母", "其他");

    private Relation() {
    }
}
