package org.shanzhi.common;

/**
 * Masks personal data for display: pages, logs and exports show these forms unless a role that may
 * see the clear value asks (and that view is audited).
 */
public final class Masking {

    private Masking() {
    }

    /** 469030199001011234 -> 4690**********1234 (SPEC §1). */
    public static String idNumber(String id) {
        if (id == null || id.isBlank()) {
            return id;
        }
        if (id.length() <= 8) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 4) + "*".repeat(id.length() - 8) + id.substring(id.length() - 4);
    }

    /** 13812345678 -> 138****5678. */
    public static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return phone;
        }
        if (phone.length() < 7) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
