package org.shanzhi.registry;

import net.sourceforge.pinyin4j.PinyinHelper;

/** Pinyin initials of a Chinese name for search on a phone keyboard: 张三 → zs. */
public final class Pinyin {

    private Pinyin() {
    }

    public static String initials(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            String[] readings = PinyinHelper.toHanyuPinyinStringArray(c);
            if (readings != null && readings.length > 0) {
                sb.append(readings[0].charAt(0));
            } else if (Character.isLetterOrDigit(c) && c < 128) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString();
    }
}
