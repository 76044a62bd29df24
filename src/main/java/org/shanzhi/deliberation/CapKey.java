package org.shanzhi.deliberation;

/**
 * What a village rule (村规民约) caps, for the banquet register. Seeds: 米易 gift ≤ 200 yuan, ≤ 30 tables,
 * 九大碗 (001 L143); 旬阳 gifts ≤ 200 yuan for close relatives and ≤ 100 for other guests (000 L6403); 铅山
 * funerals ≤ 3 days, ≤ 5 tables, ≤ 200 yuan a table (000 L6039-6041); 河间 weddings done in one day (000 L5511).
 */
public enum CapKey {
    GIFT_RELATIVE_YUAN("亲属礼金(元)", null),
    GIFT_OTHER_YUAN("普通宾客礼金(元)", null),
    WEDDING_DAYS("婚事天数", BanquetKind.WEDDING),
    FUNERAL_DAYS("丧事天数", BanquetKind.FUNERAL),
    TABLES("宴席桌数", null),
    DISHES("每桌菜品数", null),
    COST_PER_TABLE_YUAN("每桌花费(元)", null);

    public enum BanquetKind {
        WEDDING("婚事"), FUNERAL("丧事"), OTHER("其他喜事");

        private final String label;

        BanquetKind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String label;
    private final BanquetKind onlyFor;

    CapKey(String label, BanquetKind onlyFor) {
        this.label = label;
        this.onlyFor = onlyFor;
    }

    public String label() {
        return label;
    }

    public boolean appliesTo(BanquetKind kind) {
        return onlyFor == null || onlyFor == kind;
    }
}
